"""Forms that send email (password resets, requests for access) are limited per address and per
IP address by the site's one rate limiter, answer the same whether the address has an account or
not, and leave the email to the background worker."""

import re

import pytest
from django.core import mail

from contacts.factories import OrganisationFactory
from core.models import RateLimitAttempt
from networks.factories import AccessGroupFactory, UserFactory
from networks.models import AccessRequest
from seslip.factories import SiteSettingsFactory
from tests.helpers import Html
from tests.smtp import SMTPServer
from tests.tasks import queued_email_tasks, run_email_tasks, run_manage, worker_env

pytestmark = pytest.mark.django_db

RESET = "/account/reset-password/"
RESET_SENT = "/account/reset-password/sent/"
REQUEST = "/account/request-access/"
REQUEST_SENT = "/account/request-access/sent/"
# The limits (seslip/settings/base.py RATE_LIMITS, as issue 9 asks): an hour's worth.
PER_ADDRESS, PER_IP = 3, 10


@pytest.fixture
def account(site_root):
    return UserFactory(username="jo@kent.gov.uk")


@pytest.fixture
def kent(site_root):
    SiteSettingsFactory(contact_email="programme@seslip.example")
    AccessGroupFactory(group__name="Data Sharing Protocol signatories")
    return OrganisationFactory(
        name="Kent County Council", short_name="Kent", email_domains="kent.gov.uk"
    )


def reset(client, email, ip="192.0.2.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def ask(client, kent, email, ip="192.0.2.1"):
    data = {"name": "Jo Bloggs", "organisation": kent.pk, "email": email, "reason": "Benchmarks."}
    return client.post(REQUEST, data, REMOTE_ADDR=ip)


def recipients():
    return [to for message in mail.outbox for to in message.to]


# --- password resets -----------------------------------------------------------------------------


def test_a_reset_is_queued_not_sent_then_the_worker_sends_the_link(client, account):
    response = reset(client, "JO@kent.gov.uk")

    assert (response.status_code, response["Location"]) == (302, RESET_SENT)
    assert mail.outbox == []  # nothing sent while the visitor waits
    assert queued_email_tasks().count() == 1

    assert run_email_tasks() == 1
    [message] = mail.outbox
    assert message.to == ["jo@kent.gov.uk"]
    assert re.search(r"http://testserver/account/set-password/\S+/\S+/", message.body)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, account):
    known, unknown = reset(client, "jo@kent.gov.uk"), reset(client, "nobody@kent.gov.uk")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content
    # Both are handed to the worker alike; only the worker looks the address up.
    assert queued_email_tasks().count() == 2
    run_email_tasks()
    assert recipients() == ["jo@kent.gov.uk"]


def test_resets_are_limited_per_address(client, account):
    answers = [reset(client, "jo@kent.gov.uk", ip=f"192.0.2.{n}") for n in range(20)]

    assert {(a.status_code, a["Location"]) for a in answers} == {(302, RESET_SENT)}
    run_email_tasks()
    assert recipients() == ["jo@kent.gov.uk"] * PER_ADDRESS


def test_resets_are_limited_per_ip_address(client, account):
    for n in range(PER_IP):
        assert reset(client, f"person{n}@kent.gov.uk").status_code == 302

    refused = reset(client, "jo@kent.gov.uk")

    assert refused.status_code == 429
    html = Html(refused)
    assert "There is a problem" in html.text
    assert "too many requests from your network" in html.text
    assert 'value="jo@kent.gov.uk"' in html.source  # what was typed is kept
    # Another address is not held up by this one.
    assert reset(client, "jo@kent.gov.uk", ip="192.0.2.2").status_code == 302


def test_the_counts_are_in_the_database_as_keyed_hashes(client, account):
    reset(client, "jo@kent.gov.uk", ip="192.0.2.77")

    [attempt] = RateLimitAttempt.objects.filter(scope="password_reset")
    assert "jo@" not in attempt.address_hash and "192.0.2" not in attempt.ip_hash
    assert len(attempt.address_hash) == len(attempt.ip_hash) == 64


# --- requests for access -------------------------------------------------------------------------


def test_a_request_tells_the_programme_through_the_worker(client, kent):
    response = ask(client, kent, "jo@kent.gov.uk")

    assert response["Location"] == REQUEST_SENT
    assert mail.outbox == []
    run_email_tasks()
    [message] = mail.outbox
    assert message.to == ["programme@seslip.example"]
    request = AccessRequest.objects.get()
    assert f"http://testserver/admin/access_requests/review/{request.pk}/" in message.body


def test_requests_are_limited_per_address(client, kent):
    answers = [ask(client, kent, "jo@kent.gov.uk", ip=f"192.0.2.{n}") for n in range(20)]

    assert {a["Location"] for a in answers} == {REQUEST_SENT}
    run_email_tasks()
    assert recipients() == ["programme@seslip.example"] * PER_ADDRESS


def test_requests_are_limited_per_ip_address(client, kent):
    for n in range(PER_IP):
        assert ask(client, kent, f"person{n}@kent.gov.uk")["Location"] == REQUEST_SENT

    refused = ask(client, kent, "jo@kent.gov.uk")

    assert refused.status_code == 429
    assert "too many requests from your network" in Html(refused).text
    run_email_tasks()
    assert len(mail.outbox) == PER_IP
    assert not AccessRequest.objects.filter(email="jo@kent.gov.uk").exists()


# --- the real worker -----------------------------------------------------------------------------


# serialized_rollback: the test starts and ends with the data the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_process_delivers_the_queued_emails(client, kent, account):
    server = SMTPServer()
    server.controller.start()
    try:
        reset(client, "jo@kent.gov.uk")
        ask(client, kent, "someone@kent.gov.uk")
        assert server.envelopes == []

        run_manage("run_worker", "--batch", "-v0", env=worker_env(server.port))

        delivered = sorted(r for e in server.envelopes for r in e.recipients)
        assert delivered == ["jo@kent.gov.uk", "programme@seslip.example"]
        assert queued_email_tasks().count() == 0
    finally:
        server.controller.stop()
