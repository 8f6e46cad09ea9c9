"""Sending an update to subscribers over a real SMTP server, and the admin screens for it."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission

from mailing import sending
from mailing.factories import SubscriberFactory
from mailing.models import Delivery, Mailing, Subscriber
from mailing.sending import send_mailing
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from tests.helpers import Html
from tests.mailing.mail import full_update, parts, per_recipient
from tests.newsletters.forms import update_form
from tests.smtp import smtp_server  # noqa: F401
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(site_root, programme_manager):
    return full_update()


@pytest.fixture
def readers():
    """Five confirmed subscribers, one waiting for confirmation, one who left."""
    confirmed = [SubscriberFactory(email=f"reader{n}@example.org") for n in range(5)]
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="left@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    return confirmed


def send_all(update, user=None):
    mailing = sending.start_mailing(update, user)
    result = sending.deliver(mailing.pk)
    mailing.refresh_from_db()
    return mailing, result


def test_one_message_per_confirmed_subscriber_and_none_to_others(update, readers, smtp_server):  # noqa: F811
    mailing, result = send_all(update)

    counts = per_recipient(smtp_server)
    assert counts == {r.email: 1 for r in readers}
    assert result["status"] == "finished"
    assert mailing.finished_at is not None
    assert sending.progress(mailing) | {"finished": True} == sending.progress(mailing)
    assert sending.progress(mailing)["sent"] == 5
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert all(d.sent_at and d.attempts == 1 for d in Delivery.objects.all())
    text, html = parts(smtp_server.messages[0])
    assert "Regional Workforce Benchmarking" in text and "Regional Workforce Benchmarking" in html


def test_sending_again_reaches_only_those_who_have_not_had_it(update, readers, smtp_server):  # noqa: F811
    send_all(update)
    newcomer = SubscriberFactory(email="newcomer@example.org")
    smtp_server.clear()

    assert list(sending.recipients(update)) == [newcomer]
    send_all(update)

    assert per_recipient(smtp_server) == {"newcomer@example.org": 1}
    with pytest.raises(sending.MailingRefused, match="nobody to send it to"):
        sending.start_mailing(update)
    assert Delivery.objects.count() == 6  # one per update and subscriber, ever


def test_the_task_sends_through_the_django_tasks_api(update, readers, smtp_server):  # noqa: F811
    mailing = sending.start_mailing(update)

    assert mailing.task_id
    result = send_mailing.call(mailing.pk)

    assert result == {"status": "finished", "sent": 5}
    assert len(smtp_server.messages) == 5


def test_permanent_failure_is_recorded_and_not_retried(update, readers, smtp_server):  # noqa: F811
    smtp_server.handler.refuse.add("reader2@example.org")

    mailing, result = send_all(update)

    failed = Delivery.objects.get(subscriber__email="reader2@example.org")
    assert failed.status == Delivery.Status.FAILED
    assert failed.attempts == 1
    assert failed.last_error.startswith("550")
    assert "No such mailbox" in failed.last_error
    assert result["status"] == "finished"
    assert sending.progress(mailing)["failed"] == 1
    assert sending.progress(mailing)["sent"] == 4
    assert "reader2@example.org" not in per_recipient(smtp_server)


def test_temporary_failure_is_retried_with_back_off(update, readers, smtp_server):  # noqa: F811
    smtp_server.handler.defer.add("reader1@example.org")
    before = timezone.now()

    mailing, result = send_all(update)

    delivery = Delivery.objects.get(subscriber__email="reader1@example.org")
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.last_error.startswith("451")
    wait = delivery.next_attempt_at - before
    assert datetime.timedelta(seconds=59) < wait < datetime.timedelta(seconds=70)
    assert result["status"] == "retrying"
    assert mailing.finished_at is None
    # The retry is queued for when it is due.
    retry = send_mailing.get_result(Mailing.objects.get().task_id)
    assert retry.status == "READY"
    assert retry.task.run_after >= delivery.next_attempt_at

    # A minute later the server takes it.
    smtp_server.handler.defer.clear()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert sending.deliver(mailing.pk)["status"] == "finished"
    assert per_recipient(smtp_server)["reader1@example.org"] == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 2
    assert sending.backoff(2) == datetime.timedelta(minutes=4)
    assert sending.backoff(20) == datetime.timedelta(hours=6)


def test_a_delivery_that_is_always_deferred_is_failed_after_five_tries(
    update,
    readers,
    smtp_server,  # noqa: F811
):
    """4xx answers are retried after 1, 4, 16 and 64 minutes, then the delivery is failed.

    Time is moved on by making each retry due (its next-attempt time set to now), and the
    worker's step (``deliver``) run again, as the queued task would be when its time came."""
    smtp_server.handler.defer.add("reader3@example.org")
    mailing = sending.start_mailing(update)
    delivery = Delivery.objects.get(subscriber__email="reader3@example.org")

    for attempt, wait_minutes in enumerate([1, 4, 16, 64], start=1):
        before = timezone.now()
        result = sending.deliver(mailing.pk)
        after = timezone.now()
        delivery.refresh_from_db()
        assert result["status"] == "retrying", attempt
        assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, attempt)
        assert delivery.last_error == "451 4.7.1 Greylisted, try again later"
        wait = datetime.timedelta(minutes=wait_minutes)
        assert before + wait <= delivery.next_attempt_at <= after + wait, attempt
        retry = send_mailing.get_result(Mailing.objects.get(pk=mailing.pk).task_id)
        assert retry.task.run_after == delivery.next_attempt_at
        # Not due yet: running the step again tries nobody.
        assert sending.deliver(mailing.pk)["status"] == "retrying"
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())

    result = sending.deliver(mailing.pk)

    delivery.refresh_from_db()
    assert result["status"] == "finished"
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 5)
    assert delivery.last_error.startswith("451")
    mailing.refresh_from_db()
    assert mailing.finished_at is not None
    assert sending.progress(mailing) | {"sent": 4, "failed": 1, "pending": 0} == (
        sending.progress(mailing)
    )
    assert "reader3@example.org" not in per_recipient(smtp_server)
    assert per_recipient(smtp_server) == {
        r.email: 1 for r in readers if r.email != "reader3@example.org"
    }


def test_an_unreachable_server_pauses_the_mailing_and_it_carries_on(update, readers, settings):
    from tests.smtp import SMTPServer

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = SMTPServer().port  # nothing listens there yet
    settings.EMAIL_TIMEOUT = 5

    mailing, result = send_all(update)

    assert result["status"] == "retrying"
    assert mailing.connection_failures == 1
    assert mailing.retry_at > timezone.now()
    assert "ConnectionRefusedError" in mailing.last_error
    assert not Delivery.objects.exclude(status="pending").exists()
    assert not Delivery.objects.filter(attempts__gt=0).exists()  # nobody's fault in particular


def test_someone_who_unsubscribes_during_the_sending_is_skipped(update, readers, smtp_server):  # noqa: F811
    mailing = sending.start_mailing(update)
    Subscriber.objects.filter(email="reader3@example.org").update(
        status=Subscriber.Status.UNSUBSCRIBED
    )

    sending.deliver(mailing.pk)

    assert "reader3@example.org" not in per_recipient(smtp_server)
    assert sending.progress(mailing)["skipped"] == 1


def test_only_a_published_update_can_be_sent(site_root, readers):
    draft = WeeklyUpdatePageFactory(live=False)

    with pytest.raises(sending.MailingRefused, match="published"):
        sending.start_mailing(draft)


def test_a_stalled_mailing_is_queued_again(update, readers, smtp_server):  # noqa: F811
    mailing = sending.start_mailing(update)
    # Its task was taken by a worker that died: the task stays "running" for ever.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=mailing.task_id).update(status="RUNNING")

    assert sending.resume_stalled() == [mailing]
    assert sending.resume_stalled() == []  # the new task is waiting: nothing more to do
    mailing.refresh_from_db()
    assert send_mailing.get_result(mailing.task_id).status == "READY"


# --- the admin ----------------------------------------------------------------------------------


@pytest.fixture
def editor(client, django_user_model, site_root):
    """An editor who may publish updates (not a superuser)."""
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "pw", first_name="Ed", last_name="Itor"
    )
    group = Group.objects.create(name="Update editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=site_root.newsletters, permission_type=permission.split("_")[0]
        )
    user.groups.add(group)
    verified_login(client, user)
    return user


def test_editor_sees_the_button_on_a_published_update(client, editor, update):
    html = client.get(f"/admin/pages/{update.pk}/edit/").content.decode()

    assert f"/admin/newsletters/updates/{update.pk}/email/" in html
    assert "Email to subscribers" in html


def test_send_test_to_me_from_the_admin(client, editor, update, smtp_server):  # noqa: F811
    response = client.post(f"/admin/newsletters/updates/{update.pk}/email/", follow=True)

    assert "Test email sent to editor@example.org" in response.content.decode()
    assert smtp_server.envelopes[0].recipients == ["editor@example.org"]


def test_confirmation_step_shows_the_count_then_sends(client, editor, update, readers, smtp_server):  # noqa: F811
    page = Html(client.get(f"/admin/newsletters/updates/{update.pk}/email/send/"))
    assert "Send to 5 subscribers" in page.text

    response = client.post(f"/admin/newsletters/updates/{update.pk}/email/send/")

    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert response.url == f"/admin/newsletters/mailings/{mailing.pk}/"
    assert mailing.requested_by == editor
    assert Delivery.objects.filter(status="pending").count() == 5
    progress = Html(client.get(response.url))
    assert "Sending to 5 subscribers has started." in progress.text
    assert "0 sent, 5 waiting, 0 failed of 5." in progress.text
    assert "<progress" in progress.source

    sending.deliver(mailing.pk)

    status = json.loads(client.get(f"/admin/newsletters/mailings/{mailing.pk}/status/").content)
    assert status["sent"] == 5 and status["finished"] is True
    assert "5 sent, 0 waiting, 0 failed of 5." in Html(client.get(response.url)).text


def test_sending_again_needs_the_box_ticked(client, editor, update, readers, smtp_server):  # noqa: F811
    send_all(update, editor)
    SubscriberFactory(email="newcomer@example.org")
    url = f"/admin/newsletters/updates/{update.pk}/email/send/"

    page = Html(client.get(url))
    assert "has been sent to subscribers before" in page.text
    refused = client.post(url)
    assert refused.status_code == 200
    assert "tick the box to send it again" in Html(refused).text
    assert Mailing.objects.count() == 1

    sent = client.post(url, {"confirm_again": "on"}, follow=True)
    assert "Sending to 1 subscriber has started." in Html(sent).text
    assert Mailing.objects.count() == 2
    assert Delivery.objects.filter(status="pending").count() == 1


def test_failures_are_shown_on_the_progress_page(client, editor, update, readers, smtp_server):  # noqa: F811
    smtp_server.handler.refuse.add("reader4@example.org")
    mailing, _ = send_all(update)

    page = Html(client.get(f"/admin/newsletters/mailings/{mailing.pk}/"))

    assert "4 sent, 0 waiting, 1 failed of 5." in page.text
    assert "reader4@example.org" in page.text
    assert "550 5.1.1 No such mailbox" in page.text


def test_no_sending_without_publish_permission(client, django_user_model, site_root, update):
    user = django_user_model.objects.create_user("viewer", "viewer@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    for url in (
        f"/admin/newsletters/updates/{update.pk}/email/",
        f"/admin/newsletters/updates/{update.pk}/email/send/",
    ):
        assert client.get(url).status_code in (302, 403)
        assert client.post(url).status_code in (302, 403)
    assert not Mailing.objects.exists()


def test_admin_urls_answer_404_for_unknown_ids(admin_client, site_root):
    for url in (
        "/admin/newsletters/updates/999999/email/",
        "/admin/newsletters/updates/999999/email/send/",
        "/admin/newsletters/mailings/999999/",
        "/admin/newsletters/mailings/999999/status/",
    ):
        assert admin_client.get(url).status_code == 404


def test_a_draft_update_has_no_sending(admin_client, site_root):
    draft = WeeklyUpdatePageFactory(live=False)
    email_url = f"/admin/newsletters/updates/{draft.pk}/email/"

    edit = admin_client.get(f"/admin/pages/{draft.pk}/edit/")
    assert edit.status_code == 200
    assert "Email to subscribers" not in Html(edit).text
    assert email_url not in edit.content.decode()
    listing = admin_client.get(f"/admin/pages/{draft.get_parent().pk}/")
    assert listing.status_code == 200 and draft.title in Html(listing).text
    assert email_url not in listing.content.decode()

    # Someone who may publish it is sent to do so first.
    for response in (
        admin_client.get(email_url, follow=True),
        admin_client.post(email_url + "send/", follow=True),
    ):
        assert response.redirect_chain == [(f"/admin/pages/{draft.pk}/edit/", 302)]
        page = Html(response)
        assert "Publish this update first: subscribers are emailed it." in page.text
        assert "Send to" not in page.text
    assert not Mailing.objects.exists()


def test_publishing_an_update_for_the_first_time_leads_to_its_email(
    client,
    editor,
    readers,
    smtp_server,  # noqa: F811
):
    """The editor who publishes a weekly update lands on its email page, the next step (a test,
    then sending). A correction to an update already out, emailed or not (an old one, say),
    and a change scheduled for later go back to the pages as Wagtail does."""
    editor.user_permissions.add(Permission.objects.get(codename="change_newsitem"))
    draft = WeeklyUpdatePageFactory(live=False)
    draft.save_revision()
    news = [("news_item", NewsItemFactory(heading="Kinship care conference").pk)]
    edit = f"/admin/pages/{draft.pk}/edit/"
    pages = f"/admin/pages/{draft.get_parent().pk}/"

    published = client.post(edit, update_form(draft, news), follow=True)

    assert published.redirect_chain == [(f"/admin/newsletters/updates/{draft.pk}/email/", 302)]
    page = Html(published)
    assert (
        f"‘{draft.title}’ has been published. Send yourself a test of its email, then send it "
        "to subscribers."
    ) in page.text
    assert "5 confirmed subscribers have not had this update." in page.text

    corrected = client.post(edit, update_form(draft, news))
    assert (corrected.status_code, corrected.url) == (302, pages)
    later = (timezone.now() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    scheduled = client.post(edit, {**update_form(draft, news), "go_live_at": later})
    assert (scheduled.status_code, scheduled.url) == (302, pages)
    assert "scheduled" in Html(client.get(pages)).text
    assert not Mailing.objects.exists()


@pytest.mark.parametrize(
    ("subscribers", "said"),
    [
        (0, "Nobody has subscribed yet (no one has signed up and confirmed their address)"),
        (2, "Every confirmed subscriber (2) has had this update: there is nobody to send it to."),
    ],
)
def test_with_nobody_to_send_to_the_email_page_says_why(
    client,
    editor,
    update,
    subscribers,
    said,
    smtp_server,  # noqa: F811
):
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)
    for n in range(subscribers):
        SubscriberFactory(email=f"reader{n}@example.org")
    if subscribers:
        send_all(update, editor)

    for url in (
        f"/admin/newsletters/updates/{update.pk}/email/",
        f"/admin/newsletters/updates/{update.pk}/email/send/",
    ):
        page = Html(client.get(url))
        assert said in page.text, url
        assert "Send to subscribers…" not in page.text
