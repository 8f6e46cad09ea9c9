"""The filters on the events pages: by network and by month, sent as a GET form.

Anything a visitor can type into the address bar is checked here: a value that is not one of the
choices gives a message on the page and is ignored, never a server error.
"""

import datetime
import re

from django.utils import dateformat

from core.forms import FilterForm, optional_choice_field

from .calendar import FILTER_MONTHS, FIRST_YEAR, LAST_YEAR, add_months

# ASCII digits only: \d would take "٢٠٢٦-١١" for November 2026.
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def parse_month(value):
    """'2026-11' as (2026, 11), or None when it is not a month the calendar covers."""
    match = MONTH.fullmatch(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
        return year, month
    return None


class NetworkFilterForm(FilterForm):
    """Show only one network's or project's events (``networks``: the network pages offered)."""

    network = optional_choice_field("Network or project", "a network or project")

    def __init__(self, data=None, networks=(), **kwargs):
        super().__init__(data, **kwargs)
        self.networks = {network.slug: network for network in networks}
        self.fields["network"].choices = [("", "All networks and projects")] + [
            (slug, network.title) for slug, network in self.networks.items()
        ]

    def chosen_network(self):
        """The chosen network page, or None for all."""
        return self.networks.get(self.value("network") or "")


class EventFilterForm(NetworkFilterForm):
    """Show only one network's events, or only one month's."""

    month = optional_choice_field("Month", "a month")

    def __init__(self, data=None, networks=(), today=None, **kwargs):
        super().__init__(data, networks=networks, **kwargs)
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
        return parse_month(self.value("month"))
