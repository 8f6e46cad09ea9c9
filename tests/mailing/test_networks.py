"""Subscribers choose the networks they follow; their copy starts with those networks' actions,
still one update and one sending, rendered once per distinct choice."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from mailing import sending, subscriptions
from mailing.factories import SubscriberFactory
from mailing.models import Delivery, MailingCopy, Subscriber
from networks.factories import NetworkPageFactory
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from tests.helpers import Html
from tests.mailing.mail import parts, per_recipient
from tests.smtp import smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/newsletters/subscribe/"
FIRST = "Actions for the networks you follow"


@pytest.fixture
def networks(site_root):
    return {
        name: NetworkPageFactory(parent=site_root.networks, title=name, slug=name.lower())
        for name in ("Safeguarding", "Workforce", "Data")
    }


@pytest.fixture
def update(site_root, programme_manager, networks):
    """Three items in this order: general news, a Workforce action, a Safeguarding action;
    Data has no action this week."""
    general = NewsItemFactory(heading="Programme news", body="<p>The plan is agreed.</p>")
    workforce = NewsItemFactory(
        heading="Workforce census",
        body="<p>The census is open.</p>",
        action_required="<p>Send your census return.</p>",
        action_by=datetime.date(2025, 3, 21),
        networks=[networks["Workforce"]],
    )
    safeguarding = NewsItemFactory(
        heading="Safeguarding audit",
        body="<p>The audit tool is ready.</p>",
        action_required="<p>Name your audit lead.</p>",
        networks=[networks["Safeguarding"], networks["Data"]],
    )
    data = NewsItemFactory(
        heading="Data news", body="<p>No action.</p>", networks=[networks["Data"]]
    )
    return WeeklyUpdatePageFactory(
        number=600,
        date=datetime.date(2025, 3, 14),
        body=[
            ("news_item", general),
            ("news_item", workforce),
            ("news_item", safeguarding),
            ("news_item", data),
        ],
    )


def order(text, *headings):
    """The headings' positions in ``text``, in the order given."""
    return [text.index(heading) for heading in headings]


def received(smtp_server, address):  # noqa: F811
    (envelope,) = [e for e in smtp_server.envelopes if e.recipients == [address]]
    return parts(envelope.message)


def test_a_readers_networks_actions_come_first_and_the_rest_follows(
    update,
    networks,
    smtp_server,  # noqa: F811
):
    SubscriberFactory(email="all@example.org")
    follower = SubscriberFactory(email="safe@example.org")
    follower.networks.set([networks["Safeguarding"]])

    sending.deliver(sending.start_mailing(update).pk)

    text, html = received(smtp_server, "safe@example.org")
    first, audit, news, census = order(
        text, FIRST.upper(), "Safeguarding audit", "Programme news", "Workforce census"
    )
    assert first < audit < news < census
    headings = Html(html).heading_texts()
    first, audit, news, census = order(
        headings, FIRST, "Safeguarding audit", "Programme news", "Workforce census"
    )
    assert first < audit < news < census
    assert "Data news" in headings
    for body in (text, html):
        assert body.count("Name your audit lead.") == 1  # moved, not repeated
    assert "Send your census return." in text  # the whole update, still

    text, html = received(smtp_server, "all@example.org")
    assert FIRST.upper() not in text and FIRST not in html
    news, census, audit = order(text, "Programme news", "Workforce census", "Safeguarding audit")
    assert news < census < audit  # as the editor wrote it


def test_one_sending_one_copy_per_choice_that_matters(update, networks, smtp_server):  # noqa: F811
    for n in range(2):
        SubscriberFactory(email=f"plain{n}@example.org")
    data_only = SubscriberFactory(email="data@example.org")  # Data's action is Safeguarding's
    data_only.networks.set([networks["Data"]])
    safe = [SubscriberFactory(email=f"safe{n}@example.org") for n in range(2)]
    for reader in safe:
        reader.networks.set([networks["Safeguarding"]])
    both = SubscriberFactory(email="both@example.org")
    both.networks.set([networks["Workforce"], networks["Safeguarding"]])

    mailing = sending.start_mailing(update)
    sending.deliver(mailing.pk)

    keys = {copy.networks_key: copy for copy in MailingCopy.objects.filter(mailing=mailing)}
    safeguarding, workforce, data = (networks[n].pk for n in ("Safeguarding", "Workforce", "Data"))
    # Data's one action is Safeguarding's too; Workforce alone, no one chose.
    assert set(keys) == {
        str(safeguarding),
        str(data),
        ",".join(str(pk) for pk in sorted((safeguarding, workforce))),
    }
    copy_of = dict(
        Delivery.objects.filter(mailing=mailing).values_list("subscriber__email", "copy")
    )
    assert copy_of["plain0@example.org"] is None and copy_of["plain1@example.org"] is None
    assert copy_of["safe0@example.org"] == copy_of["safe1@example.org"] is not None
    assert per_recipient(smtp_server) == {s.email: 1 for s in Subscriber.objects.all()}
    assert Delivery.objects.filter(update=update).count() == 6
    both_text, _ = received(smtp_server, "both@example.org")
    first, census, audit, news = order(
        both_text, FIRST.upper(), "Workforce census", "Safeguarding audit", "Programme news"
    )
    assert first < census < audit < news
    data_text, _ = received(smtp_server, "data@example.org")
    assert data_text.index("Safeguarding audit") < data_text.index("Programme news")
    lines = data_text.splitlines()
    assert lines[lines.index(FIRST.upper()) + 2] == "Data"  # the networks named under it


def test_signing_up_with_networks_then_changing_them_from_the_email(
    client,
    update,
    networks,
    smtp_server,  # noqa: F811
):
    form = Html(client.get(SUBSCRIBE))
    assert "Networks you follow (optional)" in form.text
    assert {"Safeguarding", "Workforce", "Data"} <= set(form.text.split())
    client.post(
        SUBSCRIBE,
        {
            "email": "ada@example.org",
            "name": "Ada",
            "networks": [networks["Safeguarding"].pk],
        },
    )
    ada = Subscriber.objects.get(email="ada@example.org")
    assert list(ada.networks.all()) == [networks["Safeguarding"]]
    ada.status = Subscriber.Status.CONFIRMED
    ada.save()
    smtp_server.clear()
    sending.deliver(sending.start_mailing(update).pk)

    text, html = received(smtp_server, "ada@example.org")
    link = re.search(r"Choose the networks you follow: http://testserver(\S+)", text).group(1)
    assert f"http://testserver{link}" in html
    page = BeautifulSoup(client.get(link).content, "html.parser")
    checked = [box.get("value") for box in page.select("input[type=checkbox][checked]")]
    assert checked == [str(networks["Safeguarding"].pk)]

    saved = client.post(link, {"networks": [networks["Workforce"].pk, networks["Data"].pk]})

    assert "Your choice is saved" in Html(saved).text
    assert set(ada.networks.all()) == {networks["Workforce"], networks["Data"]}
    refused = client.post(link, {"networks": ["999999"]})
    assert refused.status_code == 200
    assert "Select networks from the list" in Html(refused).text
    client.post(link, {"networks": []}, headers={"Sec-Fetch-Site": "cross-site"})
    assert set(ada.networks.all()) == {networks["Workforce"], networks["Data"]}
    client.post(link, {})  # none ticked: follows none
    assert not ada.networks.exists()


def test_a_bad_link_or_a_reader_who_left_cannot_choose(client, networks, site_root):
    ada = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    link = f"/newsletters/subscription/{subscriptions.unsubscribe_signer().sign(ada.key.hex)}/"

    assert "You are not subscribed" in Html(client.get(link)).text
    client.post(link, {"networks": [networks["Data"].pk]})
    assert not ada.networks.exists()
    assert client.get(link.replace(ada.key.hex[:6], "000000")).status_code == 400


def test_a_confirmed_readers_networks_are_not_changed_by_the_sign_up_form(
    client,
    networks,
    smtp_server,  # noqa: F811
):
    ada = SubscriberFactory(email="ada@example.org")
    ada.networks.set([networks["Data"]])

    client.post(SUBSCRIBE, {"email": "ada@example.org", "networks": [networks["Workforce"].pk]})

    assert list(ada.networks.all()) == [networks["Data"]]
