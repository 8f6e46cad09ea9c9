"""The filters on the events pages: by network and by month, sent as a GET form.

Anything a visitor can type into the address bar is checked here: a value that is not one of the
choices gives a message on the page and is ignored, never a server error.
"""

import datetime
import re

from django import forms
from django.utils import dateformat

from .models import FILTER_MONTHS, FIRST_YEAR, LAST_YEAR, add_months

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def network_choices():
    """The live networks and projects, in workstream order (one query)."""
    from networks.models import NetworkPage

    return list(NetworkPage.objects.live().public().order_by("number", "title"))


def parse_month(value):
    """'2026-11' as (2026, 11), or None when it is not a month the calendar covers."""
    match = MONTH.fullmatch(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
        return year, month
    return None


class NetworkFilterForm(forms.Form):
    """Show only one network's or project's events."""

    network = forms.ChoiceField(
        label="Network or project",
        required=False,
        error_messages={"invalid_choice": "Choose a network or project from the list"},
    )

    def __init__(self, data=None, **kwargs):
        data = data if data and any(data.get(name) for name in self.base_fields) else None
        super().__init__(data, **kwargs)
        self.networks = {network.slug: network for network in network_choices()}
        self.fields["network"].choices = [("", "All networks and projects")] + [
            (slug, network.title) for slug, network in self.networks.items()
        ]

    def chosen_network(self):
        """The chosen network page, or None for all."""
        if not self.is_bound or (not self.is_valid() and "network" in self.errors):
            return None
        return self.networks.get(self.cleaned_data.get("network") or "")

    @property
    def error_list(self):
        """(field id, message) pairs for the GOV.UK error summary."""
        if not self.is_bound:
            return []
        return [
            (self[name].id_for_label, message)
            for name, messages in self.errors.items()
            for message in messages
        ]


class EventFilterForm(NetworkFilterForm):
    """Show only one network's events, or only one month's."""

    month = forms.ChoiceField(
        label="Month",
        required=False,
        error_messages={"invalid_choice": "Choose a month from the list"},
    )

    def __init__(self, data=None, today=None, **kwargs):
        super().__init__(data, **kwargs)
        today = today or datetime.date.today()
        first = today.replace(day=1)
        months = [add_months(first, offset) for offset in range(FILTER_MONTHS)]
        requested = parse_month(data.get("month") if data else None)
        if requested and datetime.date(*requested, 1) not in months:
            # A month from a shared link: still offered, so that the form shows it.
            months = sorted({*months, datetime.date(*requested, 1)})
        self.fields["month"].choices = [("", "Any month")] + [
            (f"{day:%Y-%m}", dateformat.format(day, "F Y")) for day in months
        ]

    def chosen_month(self):
        """The chosen (year, month), or None for any."""
        if not self.is_bound or (not self.is_valid() and "month" in self.errors):
            return None
        return parse_month(self.cleaned_data.get("month"))
