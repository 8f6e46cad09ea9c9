"""Email subscribers to the weekly update, and the record of every update sent to them.

The tables keep the names the newsletters app gave them (mailing 0001 moved the models here).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def with_email(self, email):
        """The subscriber with this address, whatever its case (uses the unique index)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower())

    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    """Someone who signed up for the weekly update by email, with the record of their consent."""

    class Status(models.TextChoices):
        PENDING = "pending", "Not confirmed yet"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Stopped: the address bounces"

    email = models.EmailField("email address", max_length=254)
    name = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    # Identifies the subscriber in signed links without giving away the row's id.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signed_up_at = models.DateTimeField(
        "signed up", default=timezone.now, help_text="When they last asked to subscribe."
    )
    source = models.CharField(
        "signed up on", max_length=255, blank=True, help_text="The page they signed up on."
    )
    consent_text = models.TextField(
        "consent wording", blank=True, help_text="The words they agreed to when signing up."
    )
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("unsubscribed", null=True, blank=True)
    networks = models.ManyToManyField(
        "networks.NetworkPage",
        blank=True,
        related_name="+",
        verbose_name="networks followed",
        help_text="Their copy of each update starts with these networks' actions.",
    )
    soft_bounces = models.PositiveIntegerField(
        default=0, help_text="Messages delayed or refused for a while (mailbox full, …)."
    )
    hard_bounces = models.PositiveIntegerField(
        default=0, help_text="Messages refused for good since the address was last reinstated."
    )
    bounced_at = models.DateTimeField(
        "stopped for bouncing", null=True, blank=True, help_text="When sending stopped."
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        db_table = "newsletters_subscriber"  # made by the newsletters app: the name is kept
        ordering = ["-signed_up_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletters_subscriber_email_ci_unique")
        ]
        indexes = [models.Index(fields=["status"], name="newsletters_subscriber_status")]

    def __str__(self):
        return self.email


class Mailing(models.Model):
    """One sending of an update to its subscribers: the email rendered once, for everyone."""

    update = models.ForeignKey(
        "newsletters.WeeklyUpdatePage", on_delete=models.CASCADE, related_name="mailings"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    from_email = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    # The HTML and plain-text bodies, with a placeholder where each reader's link goes.
    html = models.TextField()
    text = models.TextField()
    task_id = models.CharField(max_length=64, blank=True)
    # When the mail server could not be reached: how often in a row, why, and when to try again.
    connection_failures = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "newsletters_mailing"  # made by the newsletters app: the name is kept
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.subject} ({self.created_at:%d/%m/%Y %H:%M})"


class MailingCopy(models.Model):
    """One version of a mailing's email, for the subscribers who follow the same networks with
    actions in the update: those actions come first. Rendered once for all of them."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="copies")
    # The ids of the networks whose actions come first, sorted, comma-separated ("" for none).
    networks_key = models.CharField(max_length=1000, blank=True)
    html = models.TextField()
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "networks_key"], name="mailing_copy_once_per_choice"
            )
        ]

    def __str__(self):
        return f"{self.mailing_id}: networks {self.networks_key or 'none'}"


class Delivery(models.Model):
    """One subscriber's copy of one update: at most one per update and subscriber. It waits to
    be sent; a failed attempt is tried again later, until the address is refused for good or
    the attempts run out."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not sent: unsubscribed first"

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    update = models.ForeignKey(
        "newsletters.WeeklyUpdatePage", on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    # The version this subscriber gets (None: the mailing's own, for those who follow none).
    copy = models.ForeignKey(
        MailingCopy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "newsletters_delivery"  # made by the newsletters app: the name is kept
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["update", "subscriber"], name="newsletters_delivery_once_per_update"
            )
        ]
        indexes = [
            # What a worker claims next: a mailing's pending deliveries, oldest first.
            models.Index(
                fields=["mailing", "id"],
                condition=Q(status="pending"),
                name="newsletters_delivery_pending",
            ),
            models.Index(fields=["mailing", "status"], name="newsletters_delivery_status"),
        ]

    def __str__(self):
        return f"{self.update_id} to {self.subscriber_id}: {self.status}"


class Bounce(models.Model):
    """A delivery status notification (RFC 3464) about one of our emails: kept as it came, for
    an administrator to review (see mailing.bounces for the rule that stops sending)."""

    class Kind(models.TextChoices):
        HARD = "hard", "Hard: refused for good"
        SOFT = "soft", "Soft: delayed or refused for now"

    received_at = models.DateTimeField(default=timezone.now)
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="bounces"
    )
    recipient = models.CharField("address", max_length=254, blank=True)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    status_code = models.CharField(
        "status", max_length=20, blank=True, help_text="The enhanced status code, like 5.1.1."
    )
    diagnostic = models.TextField("reason given", blank=True)
    reporting_mta = models.CharField("reported by", max_length=255, blank=True)
    message_id = models.CharField("Message-ID of our email", max_length=255, blank=True)
    proven = models.BooleanField(
        "from our email",
        default=False,
        help_text="It returned the Message-ID of an update sent to the subscriber, so it counts "
        "(anyone can send a report naming an address).",
    )
    suppressed = models.BooleanField(
        "stopped sending", default=False, help_text="This bounce stopped sending to the address."
    )
    raw = models.TextField("message as received")

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["subscriber", "kind", "received_at"])]
        permissions = [("reinstate_subscriber", "Can reinstate an address stopped for bouncing")]

    def __str__(self):
        return f"{self.get_kind_display()} bounce: {self.recipient} ({self.status_code})"
