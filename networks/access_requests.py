"""Deciding requests for access: approval gives the person an account in the right group and
emails them a link to set their password; refusal emails them too.

Each decision and its email happen together: when the email cannot be sent, nothing changes and
the request keeps waiting, so the programme manager can try again.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Case, Q, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Site

from contacts.models import SiteSettings
from core.utils import site_url
from networks.models import AccessRequest


class AlreadyDecided(Exception):
    """The request was approved or refused already (perhaps by someone else just now)."""


class ClosedAccount(Exception):
    """The address is a closed (deactivated) account's: approving would reopen it, with its
    history, groups and password. An administrator decides that under Settings → Users."""


def password_set_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_url(reverse("password_set", kwargs={"uidb64": uid, "token": token}))


def _split_name(name):
    parts = name.split()
    if not parts:
        return "", ""
    return parts[0][:150], " ".join(parts[1:])[:150]


def _email(access_request):
    return access_request.email.strip().lower()


def existing_account(access_request):
    """The account that already has this request's email address, if any: an active one
    first, then the one whose username it is, then the oldest."""
    email = _email(access_request)
    username_first = Case(When(username__iexact=email, then=0), default=1)
    return (
        get_user_model()
        .objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
        .order_by("-is_active", username_first, "pk")
        .first()
    )


def _account_for(access_request):
    """The existing account with this email address, or a new one without a password. Raises
    ClosedAccount when the address is only a closed account's."""
    User = get_user_model()
    email = _email(access_request)
    user = existing_account(access_request)
    if user is None:
        first, last = _split_name(access_request.name)
        user = User(username=email, email=email, first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
        return user, True
    if not user.is_active:
        raise ClosedAccount
    if not user.email:
        user.email = email
        user.save(update_fields=["email"])
    return user, False


def _locked(access_request):
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if not locked.is_pending:
        raise AlreadyDecided(locked.get_status_display())
    return locked


def _send(subject, template, context, to):
    body = render_to_string(template, context)
    EmailMessage(subject=subject, body=body, to=[to]).send(fail_silently=False)


def _site_context():
    """What every email about a request names: where to log in or set a password again, and
    whom to ask (links at WAGTAILADMIN_BASE_URL, core.utils.site_url)."""
    site = Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else None
    return {
        "login_url": site_url(reverse("login")),
        "reset_url": site_url(reverse("password_reset")),
        "contact_email": getattr(site_settings, "contact_email", ""),
    }


def approve(access_request, by, access_group=None, reply=""):
    """Approve the request: make or update the account, add the group, email the person.
    Raises AlreadyDecided, or the email error (and then changes nothing)."""
    with transaction.atomic():
        locked = _locked(access_request)
        access_group = access_group or locked.access_group
        user, created = _account_for(locked)
        user.groups.add(access_group.group)
        locked.access_group = access_group
        locked.status = AccessRequest.Status.APPROVED
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.reply = reply
        locked.user = user
        locked.save()
        context = {
            **_site_context(),
            "request": locked,
            "user": user,
            "access_group": access_group,
            "reply": reply,
            "needs_password": created or not user.has_usable_password(),
        }
        if context["needs_password"]:
            context["password_url"] = password_set_url(user)
        _send(
            "Your access to SESLIP’s restricted reports",
            "networks/emails/access_approved.txt",
            context,
            locked.email,
        )
    return locked


def refuse(access_request, by, reply=""):
    """Refuse the request and tell the person why. Raises AlreadyDecided or the email error."""
    with transaction.atomic():
        locked = _locked(access_request)
        locked.status = AccessRequest.Status.REFUSED
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.reply = reply
        locked.save()
        _send(
            "Your request for access to SESLIP’s restricted reports",
            "networks/emails/access_refused.txt",
            {**_site_context(), "request": locked, "reply": reply},
            locked.email,
        )
    return locked


def notify_programme(access_request):
    """Tell the programme (the site's contact email) about a new request. Run by the background
    worker (networks.tasks): the person asking has had their answer already, and an error here
    fails the task, where the worker's log shows it."""
    context = _site_context()
    to = context["contact_email"]
    if not to:
        return
    context.update(
        request=access_request,
        review_url=site_url(reverse("access_requests:review", args=[access_request.pk])),
    )
    _send(
        f"Request for access from {access_request.name}",
        "networks/emails/access_requested.txt",
        context,
        to,
    )
