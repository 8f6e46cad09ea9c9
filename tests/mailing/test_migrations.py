"""Bounce reports recorded before mailing 0004 (when any report naming an address counted) keep
counting once migrated; a report recorded after it counts only when it proves itself."""

import uuid

import pytest
from django.utils import timezone

from mailing.models import Bounce
from tests.core.test_migrations import latest, migrate

BEFORE = [("mailing", "0003_networks_copies_and_bounces")]


@pytest.mark.in_order
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reports_recorded_before_the_rule_keep_counting():
    executor = migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        subscriber = apps.get_model("mailing", "Subscriber").objects.create(
            email="ada@example.org", key=uuid.uuid4(), status="bounced"
        )
        old = apps.get_model("mailing", "Bounce").objects.create(
            subscriber=subscriber,
            recipient="ada@example.org",
            kind="hard",
            status_code="5.1.1",
            suppressed=True,
            raw="(the report)",
            received_at=timezone.now(),
        )
    finally:
        migrate(latest())

    assert Bounce.objects.get(pk=old.pk).proven
    new = Bounce.objects.create(recipient="bob@example.org", kind="hard", raw="(the report)")
    assert not new.proven
