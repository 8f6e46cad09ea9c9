"""Starting the next weekly update: its number, its Friday, its intro and the reminders due."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .models import NewsItem, NewsletterIndexPage, WeeklyUpdatePage

FRIDAY = 4
ATTEMPTS = 5


class NumberingError(Exception):
    """The next number could not be taken, even after retrying."""


def coming_friday(today=None):
    """The date of the coming Friday (today, when today is a Friday)."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=(FRIDAY - today.weekday()) % 7)


def reminders_due(on_date, exclude=()):
    """News items to carry forward to an update of this date: items of earlier updates whose
    'remind until' has not passed, oldest first."""
    return (
        NewsItem.objects.in_updates()
        .filter(remind_until__gte=on_date)
        .exclude(pk__in=list(exclude))
        .order_by("created_at", "pk")
    )


def _number_taken(error):
    """Whether a validation error says only that the number (or its address) is taken."""
    return set(getattr(error, "error_dict", {})) <= {"number", "slug"}


def create_next_update(parent: NewsletterIndexPage, user=None, today=None) -> WeeklyUpdatePage:
    """Create the next update as a draft: highest number + 1, the coming Friday, the previous
    update's intro and the reminders due. Two editors at once never get the same number: the
    unique constraint refuses the second, which retries with the next number."""
    date = coming_friday(today)
    previous = WeeklyUpdatePage.objects.order_by("-number").first()
    intro = previous.intro if previous else ""
    reminders = [("news_item", item) for item in reminders_due(date)]
    for _attempt in range(ATTEMPTS):
        highest = WeeklyUpdatePage.objects.aggregate(n=Max("number"))["n"] or 0
        page = WeeklyUpdatePage(
            number=highest + 1,
            date=date,
            intro=intro,
            reminders=reminders,
            live=False,
            owner=user,
        )
        try:
            with transaction.atomic():
                parent.refresh_from_db()
                parent.add_child(instance=page)
                page.save_revision(user=user, log_action=True)
        except IntegrityError:
            continue
        except ValidationError as error:
            # Another editor's update with this number was saved since it was read.
            if _number_taken(error):
                continue
            raise
        return page
    raise NumberingError(
        "Another editor was creating an update at the same moment. Please try again."
    )
