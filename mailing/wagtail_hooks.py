"""The admin side of the email update: subscribers, and sending a published update.

Registered from wagtail_hooks.py. An editor who may publish an update gets "Email to
subscribers" among its actions: send a test to themselves, then send to every confirmed
subscriber (a confirmation step shows how many; sending an update a second time needs a box
ticked), then watch the progress. The programme manager lists subscribers, exports them as CSV
and deletes a person's data under Subscribers.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.utils import count_of
from newsletters.models import WeeklyUpdatePage

from . import bounces, sending
from .models import Bounce, Delivery, Mailing, Subscriber

FAILURES_SHOWN = 200


def can_send(user, page):
    return page.live and page.permissions_for_user(user).can_publish()


class _UpdateMixin(WagtailAdminTemplateMixin):
    header_icon = "mail"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.update = get_object_or_404(WeeklyUpdatePage, pk=page_id)
        if not self.update.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        if not self.update.live:
            messages.warning(request, "Publish this update first: subscribers are emailed it.")
            return redirect("wagtailadmin_pages:edit", self.update.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            update=self.update,
            recipient_count=sending.recipients(self.update).count(),
            subscriber_count=Subscriber.objects.confirmed().count(),
            sending=sending.is_sending(self.update),
            **kwargs,
        )

    def get_page_subtitle(self):
        return self.update.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.update.pk]), "label": "Edit"},
            {"url": "", "label": self.page_title},
        ]


class UpdateEmailView(_UpdateMixin, TemplateView):
    """The update's email: send a test, start sending, and every sending so far."""

    template_name = "mailing/admin/update_email.html"
    page_title = "Email to subscribers"

    def get_context_data(self, **kwargs):
        mailings = list(self.update.mailings.all())
        return super().get_context_data(
            mailings=[(m, sending.progress(m)) for m in mailings], **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            sending.send_test(self.update, request.user)
        except sending.MailingRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"Test email sent to {request.user.email}.")
        return redirect("newsletters_update_email", self.update.pk)


class SendConfirmForm(forms.Form):
    confirm_again = forms.BooleanField(
        required=False,
        label="Yes, send this update again to the subscribers who have not had it",
    )


class SendUpdateView(_UpdateMixin, TemplateView):
    """The confirmation step: how many will get it; a second sending needs the box ticked."""

    template_name = "mailing/admin/send_update.html"
    page_title = "Send to subscribers"

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            sent_before=self.update.mailings.exists(), form=form or SendConfirmForm(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = SendConfirmForm(request.POST)
        form.is_valid()
        if self.update.mailings.exists() and not form.cleaned_data.get("confirm_again"):
            form.add_error(
                "confirm_again",
                "This update has been sent before: tick the box to send it again.",
            )
            return self.render_to_response(self.get_context_data(form=form))
        try:
            mailing = sending.start_mailing(self.update, request.user)
        except sending.MailingRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("newsletters_update_email", self.update.pk)
        messages.success(
            request,
            f"Sending to {count_of(mailing.deliveries.count(), 'subscriber')} has started.",
        )
        return redirect("newsletters_mailing", mailing.pk)


def _mailing_or_403(request, pk):
    mailing = get_object_or_404(Mailing.objects.select_related("update"), pk=pk)
    update = mailing.update
    if not update.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return mailing


class MailingView(WagtailAdminTemplateMixin, TemplateView):
    """One sending's progress while it runs, and its result afterwards."""

    template_name = "mailing/admin/mailing.html"
    page_title = "Sending progress"
    header_icon = "mail"

    def dispatch(self, request, pk, *args, **kwargs):
        self.mailing = _mailing_or_403(request, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.mailing.update.title

    def get_breadcrumbs_items(self):
        update = self.mailing.update
        return [
            *self.breadcrumbs_items,
            {"url": reverse("newsletters_update_email", args=[update.pk]), "label": update.title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        failures = (
            self.mailing.deliveries.filter(status=Delivery.Status.FAILED)
            .select_related("subscriber")
            .order_by("id")
        )
        retrying = (
            self.mailing.deliveries.filter(status=Delivery.Status.PENDING, attempts__gt=0)
            .select_related("subscriber")
            .order_by("next_attempt_at")
        )
        return super().get_context_data(
            mailing=self.mailing,
            progress=sending.progress(self.mailing),
            failures=failures[:FAILURES_SHOWN],
            retrying=retrying[:FAILURES_SHOWN],
            status_url=reverse("newsletters_mailing_status", args=[self.mailing.pk]),
            **kwargs,
        )


def mailing_status(request, pk):
    """The progress as JSON, for the progress page's script."""
    mailing = _mailing_or_403(request, pk)
    return JsonResponse(sending.progress(mailing))


# --- subscribers --------------------------------------------------------------------------------


def spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula (names are typed by the public)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class ReviewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records that come from outside the admin: it may list, inspect, export and delete them,
    never add or change them. Subscribers sign up themselves (their consent is theirs to give);
    bounces come from mail servers."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SubscriberInspectView(InspectView):
    """A subscriber's record, with "Reinstate" when their address was stopped for bouncing."""

    template_name = "mailing/admin/inspect_with_reinstate.html"

    def get_context_data(self, **kwargs):
        subscriber = self.object if _reinstatable(self.request.user, self.object) else None
        return super().get_context_data(reinstate=subscriber, **kwargs)


class SubscriberIndexView(IndexView):
    custom_field_preprocess = {
        field: {"csv": spreadsheet_safe, "xlsx": spreadsheet_safe}
        for field in ("email", "name", "source", "consent_text")
    }


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = "Subscribers"
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    form_fields = ["name"]
    list_display = ["email", "name", "status", "signed_up_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["email", "name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "name",
        "status",
        "signed_up_at",
        "source",
        "consent_text",
        "confirmed_at",
        "unsubscribed_at",
        "networks",
        "soft_bounces",
        "hard_bounces",
        "bounced_at",
    ]
    copy_view_enabled = False
    list_export = [
        "email",
        "name",
        "get_status_display",
        "signed_up_at",
        "source",
        "confirmed_at",
        "unsubscribed_at",
        "consent_text",
    ]
    export_headings = {"get_status_display": "Status", "consent_text": "Consent wording"}
    export_filename = "weekly-update-subscribers"


register_permission_policy(Subscriber, ReviewOnlyPermissionPolicy(Subscriber))


subscriber_viewset = SubscriberViewSet("newsletter_subscribers")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


# --- bounces ------------------------------------------------------------------------------------


def _reinstatable(user, subscriber):
    return (
        subscriber is not None
        and subscriber.status == Subscriber.Status.BOUNCED
        and user.has_perm("mailing.reinstate_subscriber")
    )


class BounceInspectView(InspectView):
    """A bounce as it came, with "Reinstate" for a subscriber it stopped."""

    template_name = "mailing/admin/inspect_with_reinstate.html"

    def get_context_data(self, **kwargs):
        subscriber = self.object.subscriber
        # Found by its address only: anyone could have sent it (mailing.bounces).
        unproven = subscriber is not None and not self.object.proven
        may_decide = self.request.user.has_perm("mailing.reinstate_subscriber")
        stoppable = unproven and may_decide and subscriber.status == Subscriber.Status.CONFIRMED
        return super().get_context_data(
            reinstate=subscriber if _reinstatable(self.request.user, subscriber) else None,
            unproven=unproven,
            stop=subscriber if stoppable else None,
            **kwargs,
        )

    def get_raw_display_value(self):
        return format_html("<pre>{}</pre>", self.object.raw)


class BounceViewSet(ModelViewSet):
    model = Bounce
    icon = "warning"
    menu_label = "Bounces"
    menu_order = 211
    add_to_admin_menu = True
    inspect_view_class = BounceInspectView
    form_fields = ["recipient"]
    list_display = ["recipient", "kind", "status_code", "proven", "suppressed", "received_at"]
    list_filter = ["kind", "proven", "suppressed"]
    search_fields = ["recipient", "diagnostic"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "received_at",
        "recipient",
        "subscriber",
        "kind",
        "status_code",
        "diagnostic",
        "reporting_mta",
        "message_id",
        "proven",
        "suppressed",
        "raw",
    ]
    copy_view_enabled = False


register_permission_policy(Bounce, ReviewOnlyPermissionPolicy(Bounce))

bounce_viewset = BounceViewSet("newsletter_bounces")


@hooks.register("register_admin_viewset")
def register_bounce_viewset():
    return bounce_viewset


def _decide_sending(request, pk, status, decide, done):
    """An administrator's decision on sending to an address (the permission to reinstate
    addresses decides both ways): ``decide`` it when the subscriber's status is ``status``."""
    subscriber = get_object_or_404(Subscriber, pk=pk)
    if not request.user.has_perm("mailing.reinstate_subscriber"):
        raise PermissionDenied
    if subscriber.status == status:
        decide(subscriber)
        messages.success(request, f"{subscriber.email} {done}")
    return redirect(subscriber_viewset.get_url_name("inspect"), subscriber.pk)


@require_POST
def reinstate_subscriber(request, pk):
    """Send to an address stopped for bouncing again (the administrator's override)."""
    return _decide_sending(
        request,
        pk,
        Subscriber.Status.BOUNCED,
        bounces.reinstate,
        "will get the weekly update again.",
    )


@require_POST
def stop_subscriber(request, pk):
    """Stop sending to an address whose bounce did not prove itself, when the administrator
    judges it genuine."""
    return _decide_sending(
        request,
        pk,
        Subscriber.Status.CONFIRMED,
        bounces.stop_sending,
        "will not get the weekly update any more.",
    )


# --- URLs and buttons ---------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_mailing_urls():
    return [
        path(
            "newsletters/updates/<int:page_id>/email/",
            UpdateEmailView.as_view(),
            name="newsletters_update_email",
        ),
        path(
            "newsletters/updates/<int:page_id>/email/send/",
            SendUpdateView.as_view(),
            name="newsletters_send_update",
        ),
        path("newsletters/mailings/<int:pk>/", MailingView.as_view(), name="newsletters_mailing"),
        path(
            "newsletters/mailings/<int:pk>/status/",
            mailing_status,
            name="newsletters_mailing_status",
        ),
        path(
            "newsletters/subscribers/<int:pk>/reinstate/",
            reinstate_subscriber,
            name="newsletters_reinstate_subscriber",
        ),
        path(
            "newsletters/subscribers/<int:pk>/stop/",
            stop_subscriber,
            name="newsletters_stop_subscriber",
        ),
    ]


@hooks.register("after_publish_page")
def email_a_new_update_next(request, page):
    """When a weekly update is first published (not a correction to one already out, nor a
    change scheduled for later), its email page is the next step: the editor who published it
    lands there, to send a test and then send it."""
    if (
        page.specific_class is WeeklyUpdatePage
        and can_send(request.user, page)
        and page.first_published_at == page.last_published_at
        and page.live_revision_id == page.latest_revision_id
    ):
        messages.success(
            request,
            f"‘{page.title}’ has been published. Send yourself a test of its email, then send "
            "it to subscribers.",
        )
        return redirect("newsletters_update_email", page.pk)
    return None


def _email_button(button_class, page, user, priority):
    """'Email to subscribers' among a published update's actions, for those who may send it."""
    if page.specific_class is WeeklyUpdatePage and can_send(user, page):
        yield button_class(
            "Email to subscribers",
            reverse("newsletters_update_email", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def email_update_header_button(page, user, view_name, next_url=None):
    yield from _email_button(Button, page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def email_update_listing_button(page, user, next_url=None):
    yield from _email_button(ListingButton, page, user, priority=25)
