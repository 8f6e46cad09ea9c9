"""Signing up for the weekly update by email: double opt-in, signed links, rate limits.

Links carry the subscriber's random ``key``, signed with Django's signing (SECRET_KEY and a salt
per purpose). A confirmation link is timestamped and expires after seven days; an unsubscribe link
never expires, so that one in an old email still works.

Sign-ups are rate-limited per address and per IP address by the site's one limiter
(core.ratelimit, scope "newsletter_signup"), counted in the database or in Redis.
"""

import datetime
import logging
import smtplib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core import ratelimit
from core.utils import site_url

from .models import Subscriber

logger = logging.getLogger(__name__)

CONFIRM_SALT = "newsletters.subscription.confirm"
UNSUBSCRIBE_SALT = "newsletters.subscription.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)

# What a subscriber agrees to; stored with each sign-up as the record of their consent.
CONSENT_TEXT = (
    "We will email you the SESLIP weekly update, usually on Fridays: the programme's news, "
    "actions for local authorities and dates of network meetings. We use your email address "
    "and name only to send it. Every email has a link to unsubscribe at once, and you can ask "
    "us to delete your details at any time."
)

RATE_LIMIT_SCOPE = "newsletter_signup"


class LinkInvalid(Exception):
    """The link was altered, cut short or made up."""


class LinkExpired(Exception):
    """A confirmation link older than seven days."""


class LinkWithdrawn(Exception):
    """A confirmation link sent before its address unsubscribed: it no longer confirms."""


class SignupRefused(Exception):
    """A sign-up that cannot go ahead now; ``message`` says why, for the form."""

    def __init__(self, message, status=429):
        super().__init__(message)
        self.message = message
        self.status = status


# --- links ----------------------------------------------------------------------------------


def confirm_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.key.hex)


def confirm_url(subscriber):
    return site_url(reverse("mailing:confirm", args=[confirm_token(subscriber)]))


def unsubscribe_signer():
    """One signer, reused for every reader of a mailing (each signature is one HMAC)."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(key, signer=None):
    token = (signer or unsubscribe_signer()).sign(key.hex)
    return site_url(reverse("mailing:unsubscribe", args=[token]))


def _subscriber_by_key(key_hex):
    try:
        return Subscriber.objects.get(key=uuid.UUID(key_hex))
    except (Subscriber.DoesNotExist, ValueError):
        raise LinkInvalid from None  # deleted since, or signed by us for something else


def subscriber_for_confirm_token(token):
    """The subscriber a confirmation link is for; LinkExpired, LinkInvalid or LinkWithdrawn
    (the address unsubscribed after the link was sent: only a later sign-up's link confirms)."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        key_hex = signer.unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    subscriber = _subscriber_by_key(key_hex)
    # The signature is good, so the token is "<key>:<timestamp>:<signature>" (whole seconds).
    sent_at = signing.b62_decode(token.split(signer.sep)[1])
    left_at = subscriber.unsubscribed_at
    if left_at is not None and sent_at < int(left_at.timestamp()):
        raise LinkWithdrawn
    return subscriber


def manage_url(key, signer=None):
    """The page where a subscriber chooses their networks: the same token as unsubscribing."""
    token = (signer or unsubscribe_signer()).sign(key.hex)
    return site_url(reverse("mailing:manage", args=[token]))


def subscriber_for_unsubscribe_token(token):
    """The subscriber of an unsubscribe (or manage) link; LinkInvalid."""
    try:
        key_hex = unsubscribe_signer().unsign(token)
    except signing.BadSignature:
        raise LinkInvalid from None
    return _subscriber_by_key(key_hex)


# --- signing up -----------------------------------------------------------------------------


@dataclass
class SignupResult:
    subscriber: Subscriber | None
    emailed: bool


def sign_up(*, email, name="", source="", ip="", networks=()):
    """Ask to subscribe ``email``. Whatever the address's state, the caller shows one neutral
    message: a new or unconfirmed address gets a confirmation link, a subscribed one a note
    that it already is (so both take the same time), and nobody is stored twice."""
    now = timezone.now()
    email = email.strip()
    outcome = ratelimit.record(RATE_LIMIT_SCOPE, ip=ip, address=email, now=now)
    if outcome is ratelimit.Outcome.IP_LIMITED:
        raise SignupRefused(
            "There have been too many sign-ups from your network recently. "
            f"Try again in {ratelimit.window_minutes(RATE_LIMIT_SCOPE)} minutes."
        )
    if outcome is ratelimit.Outcome.ADDRESS_LIMITED:
        return SignupResult(None, emailed=False)
    subscriber = _upsert(email=email, name=name.strip(), source=source, now=now)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.networks.set(networks)
    try:
        if subscriber.status == Subscriber.Status.CONFIRMED:
            send_already_subscribed(subscriber)
        else:
            send_confirmation(subscriber)
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Could not send the sign-up email: %s", error)
        raise SignupRefused(
            "We could not send the email just now. Try again in a few minutes.", status=503
        ) from error
    return SignupResult(subscriber, emailed=True)


def _upsert(*, email, name, source, now):
    """The subscriber for this address, created or refreshed; a confirmed one is left as it is
    (an anonymous form must not change a subscriber's details)."""
    for _ in range(2):
        subscriber = Subscriber.objects.with_email(email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    return Subscriber.objects.create(
                        email=email,
                        name=name,
                        source=source,
                        consent_text=CONSENT_TEXT,
                        signed_up_at=now,
                    )
            except IntegrityError:
                continue  # signed up at the same moment by another request: use that row
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.name = name
            subscriber.source = source
            subscriber.consent_text = CONSENT_TEXT
            subscriber.signed_up_at = now
            subscriber.save(update_fields=["name", "source", "consent_text", "signed_up_at"])
        return subscriber
    raise IntegrityError("Could not store the subscriber")  # pragma: no cover


def _send(subscriber, subject, template, context):
    context = {
        "subscriber": subscriber,
        "days": CONFIRM_MAX_AGE.days,
        "subscribe_url": site_url(reverse("mailing:subscribe")),
        "site_url": site_url("/"),
        **context,
    }
    message = EmailMultiAlternatives(
        subject,
        render_to_string(f"mailing/email/{template}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [subscriber.email],
    )
    message.attach_alternative(
        render_to_string(f"mailing/email/{template}.html", context), "text/html"
    )
    message.send()


def send_confirmation(subscriber):
    _send(
        subscriber,
        "Confirm your subscription to the SESLIP weekly update",
        "confirm_subscription",
        {"confirm_url": confirm_url(subscriber)},
    )


def send_already_subscribed(subscriber):
    _send(
        subscriber,
        "You already get the SESLIP weekly update",
        "already_subscribed",
        {"unsubscribe_url": unsubscribe_url(subscriber.key)},
    )


def confirm(subscriber):
    """Start sending the update to this subscriber (again, if they had unsubscribed or their
    address had bounced: confirming shows that it receives mail again)."""
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.bounced_at = None
        subscriber.hard_bounces = 0
        subscriber.save(
            update_fields=[
                "status",
                "confirmed_at",
                "unsubscribed_at",
                "bounced_at",
                "hard_bounces",
            ]
        )


def unsubscribe(subscriber):
    """Stop at once: pending deliveries to this subscriber are skipped by the sender."""
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
