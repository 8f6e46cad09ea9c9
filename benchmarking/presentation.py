"""How figures read: numbers with the measure's decimal places and unit, missing values in
words, and the tables that pages show and offer as CSV (one object for both)."""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from .models.data import ValueStatus

STATUS_LABELS = dict(ValueStatus.choices)
NO_FIGURE = "no figure published"


def status_text(status):
    """Why there is no value, in words."""
    if not status:
        return NO_FIGURE
    return STATUS_LABELS.get(status, NO_FIGURE)


def number(value, dps):
    """A number with ``dps`` decimal places and thousands separators ('1,234.5')."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-dps)
    return f"{Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):,.{dps}f}"


def plain(value, dps):
    """A number as a CSV download gives it: the places shown, no separators ('-1234.5')."""
    return f"{Decimal(value).quantize(Decimal(1).scaleb(-dps), rounding=ROUND_HALF_UP):f}"


def exact(value):
    """A stored number in full, as the all-values CSV gives it: '10', '9.37' (never '1E+1')."""
    return f"{value.normalize():f}"


def figure(value, measure, status=""):
    """A value as it reads on a page: '45.2%', '1,234', or why it is missing."""
    if value is None:
        return status_text(status)
    text = number(value, measure.display_dps)
    return f"{text}%" if measure.unit == "%" else text


def signed(value, measure):
    """A change: '+1.2', '−0.4' or '0.0' ('' when there is none)."""
    if value is None:
        return ""
    text = number(abs(value), measure.display_dps)
    if Decimal(text.replace(",", "")) == 0:
        return text
    return ("+" if value > 0 else "−") + text


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def day_text(day):
    """A date as the dictionary's dates read: '1 June 2025' ('' for none)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def next_update_text(measure, today):
    """When the dictionary says the DfE next publishes the measure: its date (saying so once it
    is past: the DfE may have newer figures than these), or its note ('TBC', 'Discontinued')."""
    if measure.next_update is None:
        return measure.next_update_note or "Not given"
    day = day_text(measure.next_update)
    return day if measure.next_update >= today else f"{day}, now past"


def shortened(text, limit):
    """``text`` cut to at most ``limit`` characters at the end of a word, ending in '…' where
    it was cut (in a word only where the start has no space)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    words = re.match(r"(.*\S)\s", cut, re.DOTALL)
    kept = (words.group(1) if words else cut[: limit - 1]).rstrip(" ,;:-(.")
    return (kept or cut[: limit - 1]) + "…"


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass
class Cell:
    """A table cell: its text, the CSV's value (default the text) and a CSS modifier."""

    text: str
    csv: str | None = None
    numeric: bool = False
    css: str = ""
    href: str = ""
    header: bool = False

    @property
    def csv_value(self):
        return self.text if self.csv is None else self.csv

    @property
    def html(self):
        """The cell as HTML (plain strings: tables have thousands of cells), text escaped."""
        text = escape(self.text)
        if self.header:
            if self.href:
                text = f'<a class="govuk-link" href="{escape(self.href)}">{text}</a>'
            return f'<th scope="row" class="govuk-table__header">{text}</th>'
        classes = "govuk-table__cell"
        if self.numeric:
            classes += " govuk-table__cell--numeric"
        if self.css:
            classes += f" {escape(self.css)}"
        return f'<td class="{classes}">{text}</td>'


def figure_cell(value, measure, status=""):
    """A figure in a table: as it reads on the page, and in the CSV as a plain number with the
    same places (the unit is in the heading), or the same words where there is none."""
    if value is None:
        return Cell(status_text(status), numeric=True)
    return Cell(figure(value, measure), plain(value, measure.display_dps), True)


@dataclass
class Table:
    """A table as a page shows it; ``csv_response`` gives exactly the same rows as CSV."""

    name: str
    caption: str
    header: list
    rows: list = field(default_factory=list)
    csv_url: str = ""
    heading: str = ""  # the heading above it, where the page has one: shorter than the caption

    @property
    def dom_id(self):
        return f"table-{self.name}"

    @property
    def body_html(self):
        """The rows as HTML, built here: a template's loop over thousands of cells is slow."""
        rows = (
            '<tr class="govuk-table__row">' + "".join(cell.html for cell in row) + "</tr>"
            for row in self.rows
        )
        return mark_safe("".join(rows))  # noqa: S308 (Cell.html escapes every text)

    def csv_response(self, filename):
        return csv_response(filename, [self.header] + [[c.csv_value for c in r] for r in self.rows])


def csv_response(filename, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.csv"'
    return response


def unit_text(measure):
    """What the measure's figures are, for a heading or caption: ' (Rate per 10,000)'."""
    return f" ({measure.y_axis_name})" if measure.y_axis_name else ""


def value_cell(row, measure):
    if row is None:
        return figure_cell(None, measure)
    return figure_cell(row.value, measure, row.status)


def rank_cell(row):
    if row is None or row.rank is None:
        return Cell("")
    return Cell(f"{ordinal(row.rank)} of {row.ranked_out_of}", str(row.rank), True)


def band_cell(row):
    if row is None or not row.band:
        return Cell("")
    return Cell(row.band, css=f"bm-band bm-band--{row.band.lower()}")


def change_cell(row, measure):
    """The change since the previous year, or why there is none."""
    if row is None or row.value is None:
        return Cell("no figure this year", numeric=True)
    if row.change is None:
        return Cell("no figure the year before", numeric=True)
    return Cell(signed(row.change, measure), plain(row.change, measure.display_dps), True)


def neighbour_cell(row, measure):
    """The statistical neighbours' average, or why there is none."""
    if row is None or row.neighbour_average is None:
        return Cell("no neighbour has a figure", numeric=True)
    return figure_cell(row.neighbour_average, measure)
