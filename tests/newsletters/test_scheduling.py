"""Scheduled publishing: an update approved for a go-live time is published by the scheduler
that `make run` starts (`manage.py run_scheduler`)."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletters.composing import create_next_update
from newsletters.factories import WeeklyUpdatePageFactory
from newsletters.models import WeeklyUpdatePage
from tests.helpers import Html

pytestmark = pytest.mark.django_db


def test_the_scheduler_publishes_an_update_when_its_time_comes(client, site_root):
    update = create_next_update(site_root.newsletters, today=datetime.date(2024, 1, 8))
    update.go_live_at = timezone.now() + datetime.timedelta(seconds=3)
    update.save_revision().publish()
    update.refresh_from_db()
    assert not update.live
    assert client.get(update.url).status_code == 404

    call_command("run_scheduler", "--once")
    update.refresh_from_db()
    assert not update.live  # not yet: its time has not come

    time.sleep(max(0, (update.go_live_at - timezone.now()).total_seconds()) + 0.5)
    call_command("run_scheduler", "--once")

    update.refresh_from_db()
    assert update.live
    assert client.get(update.url).status_code == 200
    assert client.get(f"/newsletters/{update.number}/").status_code == 301


def test_publish_scheduled_unpublishes_an_update_when_it_expires(client, site_root):
    update = WeeklyUpdatePageFactory(number=420)
    update.expire_at = timezone.now() + datetime.timedelta(hours=1)
    update.save_revision().publish()
    update.refresh_from_db()
    assert update.live
    assert update.title in Html(client.get(site_root.newsletters.url)).text

    call_command("publish_scheduled")
    update.refresh_from_db()
    assert update.live  # not yet: it expires in an hour

    # The hour has passed.
    WeeklyUpdatePage.objects.filter(pk=update.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("publish_scheduled")

    update.refresh_from_db()
    assert not update.live
    assert update.expired
    assert client.get(update.url).status_code == 404
    assert update.title not in Html(client.get(site_root.newsletters.url)).text
