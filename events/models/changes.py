"""One date of a repeating event cancelled or moved, and the admin form that checks it."""

import datetime

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from core.chosen import PageForm


class EventDateChange(Orderable):
    """A date of a repeating event that is cancelled, or held at another time: editors add
    one under "Changed dates" rather than changing the series. The calendar, the event's page
    and the calendar files show it on that date, and calendars update it in place."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="date_changes")
    date = models.DateField(
        "Date in the series", help_text="The date the series gives, as it is listed now."
    )
    cancelled = models.BooleanField(default=False, help_text="Tick to cancel this date.")
    new_start = models.DateTimeField(
        "Moved to", null=True, blank=True, help_text="UK time. Leave empty when cancelling."
    )
    new_end = models.DateTimeField("Now ends", null=True, blank=True, help_text="UK time.")
    note = models.CharField(
        max_length=255, blank=True, help_text="Why, for visitors, e.g. 'Because of the strike'."
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("cancelled")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "changed date"

    def __str__(self):
        return f"{self.date:%d/%m/%Y} ({'cancelled' if self.cancelled else 'moved'})"

    @property
    def is_move(self):
        return not self.cancelled and self.new_start is not None


class EventPageForm(PageForm):
    """An event's admin form: each changed date must be a date of the series, and either
    cancelled or moved."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("date_changes")
        if formset is None or not formset.is_valid() or not cleaned_data.get("start"):
            return cleaned_data
        fields = ("start", "end", "all_day", "repeat", "repeat_on", "repeat_until", "repeat_count")
        series = type(self.instance)(**{name: cleaned_data.get(name) for name in fields})
        seen = set()
        for form in formset.forms:
            change = form.cleaned_data
            if not change or change.get("DELETE"):
                continue
            for field, message in series.date_change_problems(change, seen).items():
                form.add_error(field, message)
            seen.add(change.get("date"))
        if any(form.errors for form in formset.forms):
            self.add_error(None, "Check the changed dates.")
        return cleaned_data


def one_day(day):
    """The first moment of a date and of the next, as naive times."""
    start = datetime.datetime.combine(day, datetime.time.min)
    return start, start + datetime.timedelta(days=1)
