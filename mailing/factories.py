"""Factories for email subscribers."""

import datetime

import factory
from factory.django import DjangoModelFactory

from .models import Subscriber
from .subscriptions import CONSENT_TEXT


class SubscriberFactory(DjangoModelFactory):
    """A confirmed subscriber to the email update (``status=...`` for another state)."""

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    name = factory.Sequence(lambda n: f"Reader {n}")
    status = Subscriber.Status.CONFIRMED
    source = "/newsletters/"
    consent_text = CONSENT_TEXT
    confirmed_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30)
    )

    class Meta:
        model = Subscriber
