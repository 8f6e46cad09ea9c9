"""Requests for access: the public form, the programme manager's decision in the admin, the
account that approval makes, and the emails (sent through a real SMTP server on loopback)."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model

from contacts.factories import OrganisationFactory
from networks.factories import AccessGroupFactory, AccessRequestFactory, GroupFactory, UserFactory
from networks.models import AccessRequest
from seslip.factories import SiteSettingsFactory
from tests.helpers import Html, get_html
from tests.networks.conftest import PASSWORD, RESTRICTED_BYTES
from tests.networks.test_reports import download_bytes
from tests.tasks import run_email_tasks
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/account/set-password/\S+/")


@pytest.fixture
def kent(site_root):
    return OrganisationFactory(
        name="Kent County Council", short_name="Kent", email_domains="kent.gov.uk"
    )


@pytest.fixture
def signatories(site_root):
    return AccessGroupFactory(
        group__name="Data Sharing Protocol signatories",
        description="Staff of member authorities that have signed the Data Sharing Protocol.",
    )


@pytest.fixture
def manager(client, site_root):
    user = UserFactory(
        username="programme.manager@seslip.example", is_superuser=True, is_staff=True
    )
    verified_login(client, user)
    return user


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


# --- the public form ---------------------------------------------------------------------------


def test_request_form_asks_for_name_authority_email_and_reason(client, kent, signatories):
    html = get_html(client, "/account/request-access/")

    assert html.heading_texts()[0] == "Request access to restricted reports"
    for label in ("Full name", "Authority", "Work email address", "Why do you need access?"):
        assert label in html.text
    assert "Kent County Council" in html.text
    assert signatories.description in html.text


def test_request_form_offers_a_choice_when_several_groups_are_open(client, kent, signatories):
    qa = AccessGroupFactory(group__name="Quality Assurance Network members", description="QA.")

    html = get_html(client, f"/account/request-access/?group={qa.pk}")

    assert "What do you need access to?" in html.text
    assert re.search(rf'value="{qa.pk}"[^>]*checked', html.source)


def test_a_request_is_recorded_and_the_programme_told(
    client, kent, signatories, smtp_server, settings
):
    SiteSettingsFactory(contact_email="programme@seslip.example")
    response = client.post(
        "/account/request-access/",
        {
            "name": "  Jo   Bloggs ",
            "organisation": kent.pk,
            "email": "Jo.Bloggs@Kent.gov.uk",
            "reason": "I run the performance team.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/request-access/sent/"
    assert "We have your request" in get_html(client, response["Location"]).text
    request = AccessRequest.objects.get()
    assert (request.name, request.email, request.organisation) == (
        "Jo Bloggs",
        "jo.bloggs@kent.gov.uk",
        kent,
    )
    assert request.access_group == signatories
    assert request.status == AccessRequest.Status.PENDING
    assert not request.is_flagged
    assert not smtp_server.messages  # the background worker sends it
    run_email_tasks()
    [message] = smtp_server.messages
    assert message["To"] == "programme@seslip.example"
    assert "Jo Bloggs" in body(message)
    assert f"/admin/access_requests/review/{request.pk}/" in body(message)


def test_a_second_request_with_an_address_is_kept_beside_the_first(client, kent, signatories):
    """Anyone can type an address into the form, so a request sent with Jo's address by someone
    else must not change hers: the reviewer sees both, each naming the other."""
    surrey = OrganisationFactory(name="Surrey County Council", email_domains="surreycc.gov.uk")
    jo = {"name": "Jo Bloggs", "organisation": kent.pk, "email": "jo@kent.gov.uk"}
    client.post("/account/request-access/", {**jo, "reason": "I lead on performance data."})
    client.post(
        "/account/request-access/",
        {**jo, "name": "Mallory", "organisation": surrey.pk, "reason": "Please refuse me."},
    )

    first, second = AccessRequest.objects.order_by("pk")
    assert (first.name, first.organisation, first.reason) == (
        "Jo Bloggs",
        kent,
        "I lead on performance data.",
    )
    assert (second.name, second.organisation) == ("Mallory", surrey)
    assert first.is_pending and second.is_pending

    manager = UserFactory(username="manager@seslip.example", is_superuser=True, is_staff=True)
    verified_login(client, manager)
    review = get_html(client, f"/admin/access_requests/review/{first.pk}/")
    assert "Other requests sent with this address are waiting" in review.text
    assert review.link_to(f"/admin/access_requests/review/{second.pk}/") == (
        "Mallory, Surrey County Council"
    )


def test_bad_input_is_explained_and_what_was_typed_is_kept(client, kent, signatories):
    response = client.post(
        "/account/request-access/",
        {"name": "Jo Bloggs", "organisation": "999999", "email": "not-an-email", "reason": ""},
    )

    assert response.status_code == 200
    html = Html(response)
    assert html.source.count("There is a problem") == 1
    assert "Choose the authority you work for from the list" in html.text
    assert "Enter an email address in the correct format, like name@kent.gov.uk" in html.text
    assert "Tell us why you need access" in html.text
    assert 'value="Jo Bloggs"' in html.source
    assert 'value="not-an-email"' in html.source
    assert re.search(r"<title>\s*Error: ", html.source)
    assert not AccessRequest.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your full name"),
        ("name", "J" * 201, "Your full name must be 200 characters or fewer"),
        ("email", "", "Enter your work email address"),
        ("email", "j" * 139 + "@kent.gov.uk", "Work email address must be 150 characters or fewer"),
        ("email", '"jo\x0bBcc:b@evil.example"@kent.gov.uk', "in the correct format"),
    ],
    ids=["no name", "long name", "no email", "long email", "quoted with a control character"],
)
def test_a_missing_or_overlong_name_or_address_is_explained(
    client, kent, signatories, field, value, message
):
    data = {
        "name": "Jo Bloggs",
        "organisation": kent.pk,
        "email": "jo@kent.gov.uk",
        "reason": "I run a team.",
    }

    response = client.post("/account/request-access/", {**data, field: value})

    assert response.status_code == 200
    assert message in Html(response).text
    assert not AccessRequest.objects.exists()


def test_only_member_authorities_can_be_chosen(client, kent, signatories):
    partner = OrganisationFactory(name="Local Government Association", kind="partner")

    html = get_html(client, "/account/request-access/")

    assert "Kent County Council" in html.text
    assert partner.name not in html.text


# --- the admin list ----------------------------------------------------------------------------


def test_requests_from_outside_the_authorities_domains_are_flagged(
    client, manager, kent, signatories
):
    medway = OrganisationFactory(name="Medway Council", email_domains="medway.gov.uk")
    AccessRequestFactory(name="Good Address", organisation=kent, email="good@kent.gov.uk")
    AccessRequestFactory(name="Sub Domain", organisation=kent, email="sub@childrens.kent.gov.uk")
    AccessRequestFactory(name="Gmail Address", organisation=kent, email="someone@gmail.com")
    AccessRequestFactory(name="Wrong Council", organisation=kent, email="x@medway.gov.uk")
    assert medway

    html = get_html(client, "/admin/access_requests/")
    rows = {
        name: html.text.split(name, 1)[1][:160]
        for name in ("Good Address", "Sub Domain", "Gmail Address", "Wrong Council")
    }

    assert "Matches the authority" in rows["Good Address"]
    assert "Matches the authority" in rows["Sub Domain"]
    assert "Flagged Address outside the member authorities’ email domains" in rows["Gmail Address"]
    assert "Flagged Address of another member authority, not Kent" in rows["Wrong Council"]


def test_people_without_admin_rights_cannot_see_or_decide_requests(client, kent, signatories):
    request = AccessRequestFactory(organisation=kent)
    user = UserFactory(username="member@kent.gov.uk", groups=[signatories.group])
    client.force_login(user)

    for url in ("/admin/access_requests/", f"/admin/access_requests/review/{request.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(
        f"/admin/access_requests/review/{request.pk}/",
        {"decision": "approve", "access_group": signatories.pk},
    )
    assert response.status_code in (302, 403)
    request.refresh_from_db()
    assert request.is_pending


# --- approving and refusing ----------------------------------------------------------------------


def decide(client, request, host="testserver", **data):
    return client.post(f"/admin/access_requests/review/{request.pk}/", data, HTTP_HOST=host)


def test_approval_makes_an_account_in_the_group_and_emails_a_password_link(
    client, manager, library, smtp_server
):
    request = AccessRequestFactory(
        name="Jo Bloggs",
        email="jo.bloggs@kent.gov.uk",
        access_group=library.signatories,
    )
    review = get_html(client, f"/admin/access_requests/review/{request.pk}/")
    assert "jo.bloggs@kent.gov.uk" in review.text
    assert "I lead on performance data" in review.text

    # The administrator has reached the admin by another name than the site's (any allowed
    # host): the password link is still on the site's own address (WAGTAILADMIN_BASE_URL).
    response = decide(
        client,
        request,
        host="admin.example",
        decision="approve",
        access_group=library.signatories.pk,
        reply="Welcome aboard.",
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.APPROVED
    assert request.decided_by == manager
    user = get_user_model().objects.get(username="jo.bloggs@kent.gov.uk")
    assert request.user == user
    assert (user.first_name, user.last_name, user.email) == (
        "Jo",
        "Bloggs",
        "jo.bloggs@kent.gov.uk",
    )
    assert not user.has_usable_password()
    assert list(user.groups.all()) == [library.signatories.group]

    [message] = [m for m in smtp_server.messages if m["To"] == "jo.bloggs@kent.gov.uk"]
    text = body(message)
    assert "approved" in text
    assert "Welcome aboard." in text
    link = LINK.search(text).group(0)
    assert link.startswith("http://testserver/account/set-password/")

    # The new member follows the link, sets a password, logs in and downloads the report.
    client.logout()
    path = urlparse(link).path
    form_page = client.get(path, follow=True)
    assert "Set your password" in Html(form_page).heading_texts()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(
        set_url,
        {"new_password1": "a-long new passphrase", "new_password2": "a-long new passphrase"},
    )
    assert done.status_code == 302
    assert "Your password is set" in get_html(client, done["Location"]).text

    logged_in = client.post(
        f"/account/login/?next={library.document.url}",
        {"username": "Jo.Bloggs@KENT.gov.uk", "password": "a-long new passphrase"},
    )
    assert logged_in.status_code == 302
    assert logged_in["Location"] == library.document.url
    download = client.get(library.document.url)
    assert download.status_code == 200
    assert download_bytes(download) == RESTRICTED_BYTES

    # The link works once.
    client.logout()
    again = client.get(path, follow=True)
    assert "This link has expired" in Html(again).heading_texts()


def test_approving_someone_with_an_account_adds_the_group_and_keeps_their_password(
    client, manager, kent, signatories, smtp_server
):
    other = GroupFactory(name="Quality Assurance Network members")
    existing = UserFactory(username="jo@kent.gov.uk", groups=[other])
    request = AccessRequestFactory(email="JO@kent.gov.uk", organisation=kent)

    decide(client, request, decision="approve", access_group=signatories.pk, reply="")

    existing.refresh_from_db()
    assert set(existing.groups.all()) == {other, signatories.group}
    assert existing.check_password(PASSWORD)
    text = body(smtp_server.messages[-1])
    assert "with your email address (jo@kent.gov.uk) and your password" in text
    assert not LINK.search(text)


def test_a_closed_account_s_address_is_not_approved_here_and_the_account_stays_as_it_was(
    client, manager, kent, signatories, smtp_server
):
    # Found by its address (its username is another), with rights and two-factor.
    editors = GroupFactory(name="Network editors: AD Education Network")
    former = UserFactory(
        username="jadmin",
        email="Former.Editor@kent.gov.uk",
        groups=[editors],
        is_active=False,
        is_staff=True,
        is_superuser=True,
    )
    request = AccessRequestFactory(
        name="Sam Newcomer", email="former.editor@kent.gov.uk", organisation=kent
    )
    review = get_html(client, f"/admin/access_requests/review/{request.pk}/")
    assert "An account with this address was closed" in review.text

    response = decide(client, request, decision="approve", access_group=signatories.pk)

    assert response.status_code == 200
    assert "Reopen it yourself under Settings → Users" in Html(response).text
    former.refresh_from_db()
    assert not former.is_active and former.is_superuser
    assert (former.username, list(former.groups.all())) == ("jadmin", [editors])
    assert former.check_password(PASSWORD)
    request.refresh_from_db()
    assert request.is_pending
    assert smtp_server.messages == []


@pytest.mark.parametrize("closed_matches_by", ["email", "username"])
def test_approval_goes_to_the_active_account_of_an_address_not_a_closed_one(
    client, manager, kent, signatories, smtp_server, closed_matches_by
):
    closed = UserFactory(
        username="jo@kent.gov.uk" if closed_matches_by == "username" else "jo.old",
        email="jo@kent.gov.uk",
        is_active=False,
    )
    active = UserFactory(username="jo.new", email="jo@kent.gov.uk")
    request = AccessRequestFactory(email="jo@kent.gov.uk", organisation=kent)
    assert "was closed" not in get_html(client, f"/admin/access_requests/review/{request.pk}/").text

    decide(client, request, decision="approve", access_group=signatories.pk, reply="")

    closed.refresh_from_db()
    assert not closed.is_active and not closed.groups.exists()
    assert list(active.groups.all()) == [signatories.group]


def test_refusal_emails_the_reason_and_makes_no_account(
    client, manager, kent, signatories, smtp_server
):
    request = AccessRequestFactory(email="someone@gmail.com", organisation=kent)

    response = decide(
        client, request, decision="refuse", access_group="", reply="Please use your work address."
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.REFUSED
    assert not get_user_model().objects.filter(username="someone@gmail.com").exists()
    [message] = smtp_server.messages
    assert message["To"] == "someone@gmail.com"
    assert "We cannot give you access" in body(message)
    assert "Please use your work address." in body(message)


def test_a_refusal_needs_a_reason(client, manager, kent, signatories, smtp_server):
    request = AccessRequestFactory(organisation=kent)

    response = decide(client, request, decision="refuse", reply="  ")

    assert response.status_code == 200
    assert "Say why you refuse: the email tells them" in response.content.decode()
    request.refresh_from_db()
    assert request.is_pending
    assert not smtp_server.messages


def test_when_the_email_cannot_be_sent_nothing_changes(
    client, manager, kent, signatories, smtp_server
):
    request = AccessRequestFactory(email="nobody@kent.gov.uk", organisation=kent)
    smtp_server.handler.refuse.add("nobody@kent.gov.uk")

    response = decide(client, request, decision="approve", access_group=signatories.pk)

    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    assert "the request is still waiting" in response.content.decode()
    request.refresh_from_db()
    assert request.is_pending
    assert not get_user_model().objects.filter(username="nobody@kent.gov.uk").exists()


def test_a_decided_request_cannot_be_decided_again(client, manager, kent, signatories, smtp_server):
    request = AccessRequestFactory(organisation=kent)
    decide(client, request, decision="refuse", reply="No.")

    response = decide(client, request, decision="approve", access_group=signatories.pk)

    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.REFUSED
    assert len(smtp_server.messages) == 1


# --- logging in --------------------------------------------------------------------------------


def test_an_address_longer_than_any_account_can_have_is_explained(client, site_root):
    response = client.post("/account/login/", {"username": "a" * 300, "password": "secret"})

    assert response.status_code == 200
    assert "Email address must be 150 characters or fewer" in Html(response).text


def test_login_page_is_the_sites_own(client, site_root):
    html = get_html(client, "/account/login/")

    assert html.heading_texts()[0] == "Log in"
    assert "Email address" in html.text
    assert "govuk-button" in html.source


def test_wrong_password_is_explained(client, site_root):
    UserFactory(username="jo@kent.gov.uk")
    response = client.post("/account/login/", {"username": "jo@kent.gov.uk", "password": "x"})

    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert 'value="jo@kent.gov.uk"' in response.content.decode()


def test_forgotten_password_sends_a_link_even_before_a_password_is_set(
    client, site_root, smtp_server
):
    user = UserFactory(username="jo@kent.gov.uk")
    user.set_unusable_password()
    user.save()

    response = client.post("/account/reset-password/", {"email": "JO@kent.gov.uk"})

    assert response.status_code == 302
    run_email_tasks()  # the background worker sends it
    [message] = smtp_server.messages
    assert LINK.search(body(message))
    # An unknown address gets the same answer, and no email.
    client.post("/account/reset-password/", {"email": "nobody@kent.gov.uk"})
    run_email_tasks()
    assert len(smtp_server.messages) == 1
