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


class Delivery(models.Model):
    """One subscriber's copy of one update: at most one per update and subscriber."""

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
