"""Starting the next weekly update: number, Friday, intro, reminders; and two editors at once."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from newsletters import composing
from newsletters.composing import (
    NumberingError,
    coming_friday,
    create_next_update,
    reminders_due,
)
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from newsletters.models import NewsletterIndexPage, WeeklyUpdatePage

MONDAY = datetime.date(2024, 1, 8)
FRIDAY = datetime.date(2024, 1, 12)


# --- the coming Friday ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "friday"),
    [
        (MONDAY, FRIDAY),
        (datetime.date(2024, 1, 11), FRIDAY),  # Thursday
        (FRIDAY, FRIDAY),  # on a Friday, that day
        (datetime.date(2024, 1, 13), datetime.date(2024, 1, 19)),  # Saturday: the next one
        (datetime.date(2024, 12, 28), datetime.date(2025, 1, 3)),  # across the new year
    ],
)
def test_coming_friday(today, friday):
    assert coming_friday(today) == friday


# --- the next update ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_next_update_is_a_draft_numbered_after_the_highest_for_the_coming_friday(site_root):
    WeeklyUpdatePageFactory(number=517, intro="<p>The intro of 517.</p>")
    WeeklyUpdatePageFactory(number=518, intro="<p>The intro of 518.</p>")
    WeeklyUpdatePageFactory(number=516, intro="<p>The intro of 516.</p>")

    update = create_next_update(site_root.newsletters, today=MONDAY)

    update.refresh_from_db()
    assert update.number == 519
    assert update.date == FRIDAY
    assert update.intro == "<p>The intro of 518.</p>"
    assert update.title == "Update no 519 12 January 2024"
    assert update.slug == "update-no-519-12-january-2024"
    assert not update.live
    assert update.get_parent().pk == site_root.newsletters.pk
    assert update.latest_revision is not None
    assert update.latest_revision.as_object().number == 519


@pytest.mark.django_db
def test_the_number_after_a_draft_counts_the_draft(site_root):
    WeeklyUpdatePageFactory(number=518)
    first = create_next_update(site_root.newsletters, today=MONDAY)

    second = create_next_update(site_root.newsletters, today=MONDAY)

    assert (first.number, second.number) == (519, 520)


@pytest.mark.django_db
def test_the_first_update_is_number_one_with_no_intro(site_root):
    update = create_next_update(site_root.newsletters, today=MONDAY)

    assert update.number == 1
    assert update.intro == ""


# --- reminders carried forward -----------------------------------------------------------------


@pytest.mark.django_db
def test_items_still_to_be_reminded_of_are_carried_forward_oldest_first(site_root):
    older = NewsItemFactory(heading="Nominations", remind_until=FRIDAY + datetime.timedelta(30))
    due = NewsItemFactory(heading="Data return", remind_until=FRIDAY + datetime.timedelta(7))
    last_day = NewsItemFactory(heading="Survey closes", remind_until=FRIDAY)
    passed = NewsItemFactory(
        heading="Old consultation", remind_until=FRIDAY - datetime.timedelta(1)
    )
    no_reminder = NewsItemFactory(heading="One-week news", remind_until=None)
    never_shown = NewsItemFactory(heading="Not in any update", remind_until=FRIDAY)
    WeeklyUpdatePageFactory(
        number=517,
        body=[("news_item", older), ("news_item", passed)],
    )
    WeeklyUpdatePageFactory(
        number=518,
        body=[("news_item", due), ("news_item", no_reminder)],
        reminders=[("news_item", last_day)],
    )

    update = create_next_update(site_root.newsletters, today=MONDAY)

    carried = [block.value for block in update.reminders]
    assert carried == [older, due, last_day]
    assert never_shown not in carried
    assert all(block.block_type == "news_item" for block in update.reminders)
    # The draft saved them: the editor opens the draft with the reminders in place.
    stored = update.latest_revision.as_object()
    assert [block.value.heading for block in stored.reminders] == [
        "Nominations",
        "Data return",
        "Survey closes",
    ]


@pytest.mark.django_db
def test_reminders_due_on_a_later_date_leave_out_those_that_have_passed(site_root):
    item = NewsItemFactory(remind_until=FRIDAY)
    WeeklyUpdatePageFactory(number=518, body=[("news_item", item)])

    assert list(reminders_due(FRIDAY)) == [item]
    assert list(reminders_due(FRIDAY + datetime.timedelta(weeks=1))) == []


# --- a published update keeps its number ---------------------------------------------------------


@pytest.mark.django_db
def test_a_published_updates_number_cannot_change_in_a_new_revision(site_root):
    update = create_next_update(site_root.newsletters, today=MONDAY)
    update.latest_revision.publish()
    update.refresh_from_db()

    update.number = update.number + 1
    with pytest.raises(ValidationError) as error:
        update.save_revision()

    assert "cannot change" in " ".join(error.value.message_dict["number"])
    assert WeeklyUpdatePage.objects.get(pk=update.pk).number == 1


# --- two editors at once -----------------------------------------------------------------------


def _create_in_thread(parent_pk, barrier, results):
    """Create the next update on this thread's own database connection."""
    try:
        parent = NewsletterIndexPage.objects.get(pk=parent_pk)
        barrier.wait(timeout=30)
        results.append(create_next_update(parent, today=MONDAY).number)
    except NumberingError as error:
        results.append(error)
    except Exception as error:  # noqa: BLE001  (reported by the test, not lost in the thread)
        results.append(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("editors", [2, 4])
def test_editors_starting_the_next_update_at_once_never_share_a_number(site_root, editors):
    WeeklyUpdatePageFactory(number=518)
    barrier = threading.Barrier(editors)
    results = []
    threads = [
        threading.Thread(
            target=_create_in_thread, args=(site_root.newsletters.pk, barrier, results)
        )
        for _ in range(editors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(results) == editors
    unexpected = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, NumberingError)
    ]
    assert not unexpected, unexpected
    numbers = [r for r in results if isinstance(r, int)]
    assert numbers, "no editor got an update"
    assert sorted(numbers) == list(range(519, 519 + len(numbers)))
    stored = sorted(WeeklyUpdatePage.objects.values_list("number", flat=True))
    assert stored == [518, *sorted(numbers)]
    # Every draft has its own address, under the archive.
    slugs = WeeklyUpdatePage.objects.values_list("slug", flat=True)
    assert len(set(slugs)) == len(slugs)
    site_root.newsletters.refresh_from_db()
    assert site_root.newsletters.get_children().count() == editors + 1 - sum(
        isinstance(r, NumberingError) for r in results
    )


class HeldDraft(threading.Thread):
    """Another editor creating the next update on their own connection, their transaction held
    open for ``hold`` seconds: until it commits, the number it took cannot be seen."""

    def __init__(self, parent_pk, hold=1.5):
        super().__init__()
        self.parent_pk, self.hold = parent_pk, hold
        self.created = threading.Event()
        self.number = self.error = None

    def run(self):
        try:
            with transaction.atomic():
                parent = NewsletterIndexPage.objects.get(pk=self.parent_pk)
                self.number = create_next_update(parent, today=MONDAY).number
                self.created.set()
                time.sleep(self.hold)
        except Exception as error:  # noqa: BLE001  (reported by the test)
            self.error = error
        finally:
            self.created.set()
            connection.close()


def start_held_draft(parent):
    other = HeldDraft(parent.pk)
    other.start()
    assert other.created.wait(timeout=30)
    assert other.error is None, other.error
    return other


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editor_who_loses_the_race_gets_the_next_number(site_root):
    WeeklyUpdatePageFactory(number=518)
    other = start_held_draft(site_root.newsletters)

    started = time.monotonic()
    mine = create_next_update(site_root.newsletters, today=MONDAY)
    waited = time.monotonic() - started
    other.join(timeout=30)

    # 519 was taken but not yet visible: the insert waited for the other editor, was refused by
    # the database, and the retry took 520.
    assert waited > 0.5
    assert (other.number, mine.number) == (519, 520)
    assert sorted(WeeklyUpdatePage.objects.values_list("number", flat=True)) == [518, 519, 520]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_when_retrying_does_not_help_the_editor_is_told_and_nothing_is_left_behind(
    site_root, monkeypatch
):
    WeeklyUpdatePageFactory(number=518)
    monkeypatch.setattr(composing, "ATTEMPTS", 1)
    other = start_held_draft(site_root.newsletters)

    with pytest.raises(NumberingError, match="Another editor was creating an update"):
        create_next_update(site_root.newsletters, today=MONDAY)
    other.join(timeout=30)

    assert sorted(WeeklyUpdatePage.objects.values_list("number", flat=True)) == [518, 519]
    site_root.newsletters.refresh_from_db()
    assert site_root.newsletters.get_children().count() == 2
