"""Weekly updates: numbers are unique, and title and slug follow the number and date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from newsletters.models import WeeklyUpdatePage

pytestmark = pytest.mark.django_db


def test_title_and_slug_follow_number_and_date(site_root):
    update = WeeklyUpdatePageFactory(number=298, date=datetime.date(2018, 4, 20), title="Typed")

    assert update.title == "Update no 298 20 April 2018"
    assert update.slug == "update-no-298-20-april-2018"
    assert update.url == "/newsletters/update-no-298-20-april-2018/"


def test_changing_the_date_moves_the_address(client, site_root):
    update = WeeklyUpdatePageFactory(number=520, date=datetime.date(2024, 1, 5))

    update.date = datetime.date(2024, 1, 12)
    update.save()
    update.refresh_from_db()

    assert update.title == "Update no 520 12 January 2024"
    assert update.url == "/newsletters/update-no-520-12-january-2024/"
    assert client.get(update.url).status_code == 200


def test_the_database_refuses_two_updates_with_one_number(site_root):
    WeeklyUpdatePageFactory(number=400)
    other = WeeklyUpdatePageFactory(number=401)

    with pytest.raises(IntegrityError), transaction.atomic():
        WeeklyUpdatePage.objects.filter(pk=other.pk).update(number=400)


def test_saving_a_second_update_with_a_number_in_use_is_refused(site_root):
    WeeklyUpdatePageFactory(number=400)

    with pytest.raises(ValidationError) as error, transaction.atomic():
        WeeklyUpdatePageFactory(number=400, date=datetime.date(2030, 1, 4))

    assert "number" in error.value.message_dict
    assert WeeklyUpdatePage.objects.filter(number=400).count() == 1


def test_a_drafts_number_can_change(site_root):
    update = WeeklyUpdatePageFactory(number=404, live=False)
    update.number = 405

    update.full_clean()


def test_a_published_updates_number_cannot_change(site_root):
    update = WeeklyUpdatePageFactory(number=402, live=False)
    update.save_revision().publish()
    update.refresh_from_db()
    update.number = 403

    with pytest.raises(ValidationError) as error:
        update.full_clean()

    assert "number" in error.value.message_dict


def test_news_items_in_reading_order(site_root):
    first, second, reminder = (NewsItemFactory() for _ in range(3))
    update = WeeklyUpdatePageFactory(
        body=[("news_item", first), ("rich_text", "<p>Text</p>"), ("news_item", second)],
        reminders=[("news_item", reminder)],
    )

    assert update.news_items() == [first, second, reminder]
