"""Values the templates show but should not compute: dates and times, money, tables, pagination.

Everything here is plain Python so that templates only lay things out.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation
from html import unescape

from django import template
from django.apps import apps
from django.core.paginator import Paginator
from django.template.defaultfilters import filesizeformat
from django.utils import dateformat, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core import content_cache

register = template.Library()

LONDON_DATE = "l j F Y"  # Tuesday 4 March 2025


# --- dates and times ------------------------------------------------------------------------


def format_time(value):
    """GOV.UK style times: 10am, 12:30pm, midday, midnight."""
    if value.minute == 0:
        if value.hour == 12:
            return "midday"
        if value.hour == 0:
            return "midnight"
    suffix = "am" if value.hour < 12 else "pm"
    hour = value.hour % 12 or 12
    if value.minute == 0:
        return f"{hour}{suffix}"
    return f"{hour}:{value.minute:02d}{suffix}"


def format_date(value):
    return dateformat.format(value, LONDON_DATE)


@register.filter
def long_date(value):
    """A date as 'Tuesday 4 March 2025' (aware datetimes in UK time)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_date(value)


@register.simple_tag
def event_when(event):
    """When an event happens, in UK time, ready to show.

    Returns a dict with:
    ``date``: 'Tuesday 4 March 2025', or a range of days for an event over several days;
    ``time``: '10am to 12:30pm', 'All day', or '' when unknown;
    ``text``: both on one line;
    ``iso_date``: the start date for a ``<time datetime>`` attribute;
    ``day``, ``month``, ``year``: the start date in parts for a calendar-style date block.
    """
    start = event.local_start
    end = event.local_end
    multi_day = end is not None and end.date() != start.date()
    if multi_day:
        if end.year == start.year:
            date = f"{dateformat.format(start, 'l j F')} to {dateformat.format(end, 'l j F Y')}"
        else:
            date = f"{format_date(start)} to {format_date(end)}"
    else:
        date = format_date(start)
    if event.all_day:
        time = "All day"
    elif multi_day:
        time = f"Starts {format_time(start)}, ends {format_time(end)}"
    elif end is not None and end != start:
        time = f"{format_time(start)} to {format_time(end)}"
    else:
        time = format_time(start)
    return {
        "date": date,
        "time": time,
        "text": f"{date}, {time}" if time and time != "All day" else date,
        "iso_date": start.date().isoformat(),
        "day": start.day,
        "month": dateformat.format(start, "M"),
        "year": start.year,
        "multi_day": multi_day,
    }


# --- money and text --------------------------------------------------------------------------


@register.filter
def pounds(value):
    """A sum of money as '£18,000' (pence only when there are some: '£1,250.50')."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


_SPACE = re.compile(r"\s+")


def _plain(html):
    return _SPACE.sub(" ", unescape(strip_tags(str(html or "")))).strip()


@register.filter
def has_text(html):
    """True when rich text says something: an empty editor leaves '<p></p>' behind."""
    return bool(_plain(html))


@register.filter
def summary(html, words=30):
    """Rich text as a plain sentence or two, cut at a word boundary."""
    return Truncator(_plain(html)).words(int(words), truncate=" …")


# --- documents -------------------------------------------------------------------------------


@register.filter
def document_meta(document):
    """A document's type and size, e.g. 'PDF, 245.1 KB'."""
    if document is None:
        return ""
    parts = []
    extension = getattr(document, "file_extension", "")
    if extension:
        parts.append(extension.upper())
    size = getattr(document, "file_size", None)
    if size:
        parts.append(filesizeformat(size))
    return ", ".join(parts)


# --- tables ----------------------------------------------------------------------------------


@register.filter
def table_data(value):
    """A table block's value as caption, header row and body rows for an accessible table.

    Body rows are lists of cells, each a dict with ``text`` and ``header`` (True for the first
    cell when the first column holds row headers).
    """
    if not value:
        return {"caption": "", "header": [], "rows": []}
    choice = value.get("table_header_choice") or ""
    if choice:
        first_row = choice in ("row", "both")
        first_col = choice in ("col", "column", "both")
    else:
        first_row = bool(value.get("first_row_is_table_header"))
        first_col = bool(value.get("first_col_is_header"))
    data = [
        ["" if cell is None else str(cell).strip() for cell in row]
        for row in (value.get("data") or [])
    ]
    # Rows left empty in the editor would be empty rows in the table.
    data = [row for row in data if any(row)]
    header = []
    if first_row and data:
        header, data = data[0], data[1:]
    rows = [
        [{"text": cell, "header": first_col and index == 0} for index, cell in enumerate(row)]
        for row in data
    ]
    return {
        "caption": (value.get("table_caption") or "").strip(),
        "header": header,
        "rows": rows,
        "first_col_is_header": first_col,
    }


# --- statuses, kinds of page -----------------------------------------------------------------

OUTPUT_STATUS_TAGS = {
    "planned": "govuk-tag--grey",
    "in_progress": "govuk-tag--yellow",
    "done": "govuk-tag--green",
}


@register.filter
def output_tag_class(status):
    """The GOV.UK tag colour for a network output's status."""
    return OUTPUT_STATUS_TAGS.get(status, "govuk-tag--grey")


PAGE_KINDS = {
    "homepage": "Home page",
    "standardpage": "Page",
    "newsletterindexpage": "Weekly updates",
    "weeklyupdatepage": "Weekly update",
    "networkindexpage": "Networks and projects",
    "networkpage": "Network or project",
    "eventindexpage": "Events",
    "eventpage": "Event",
    "contactsindexpage": "Contacts",
    "reportindexpage": "Reports",
    "reportsectionpage": "Reports",
}


@register.filter
def page_kind(page):
    """What kind of page a search result is, in words."""
    model = getattr(getattr(page, "_meta", None), "model_name", "")
    if model in ("networkpage", "reportpage"):
        return page.get_kind_display()
    return PAGE_KINDS.get(model, "Page")


@register.filter
def result_meta(page):
    """What a search result is, and when for events and updates: 'Event, Tuesday 4 March 2025'."""
    kind = page_kind(page)
    model = getattr(getattr(page, "_meta", None), "model_name", "")
    if model == "eventpage" and getattr(page, "start", None):
        return f"{kind}, {long_date(page.start)}"
    if model == "weeklyupdatepage" and getattr(page, "date", None):
        return f"{kind}, published {long_date(page.date)}"
    if model == "reportpage" and getattr(page, "date", None):
        return f"{kind}, {long_date(page.date)}"
    return kind


@register.filter
def page_summary(page, words=30):
    """A line about a page for search results: its description, intro or purpose."""
    for field in ("search_description", "intro", "purpose", "description", "who_for", "summary"):
        value = getattr(page, field, "")
        if value and has_text(value):
            return summary(value, words)
    return ""


# --- pagination ------------------------------------------------------------------------------


def _page_url(request, number, name="page"):
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?{name}={number}"
    if number == 1:
        query.pop(name, None)
    else:
        query[name] = str(number)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else (request.path if request is not None else "?")


@register.simple_tag(takes_context=True)
def pagination(context, page_obj, name="page"):
    """Links for GOV.UK pagination that keep the other query parameters (year, q) as they are.

    Returns None when everything fits on one page, otherwise a dict with ``previous`` and
    ``next`` (URLs or None) and ``items``: dicts with ``number``, ``url`` and ``current``, or
    ``ellipsis`` True for a gap.
    """
    if page_obj is None or not hasattr(page_obj, "paginator"):
        return None
    paginator = page_obj.paginator
    if paginator.num_pages <= 1:
        return None
    request = context.get("request")
    items = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "url": _page_url(request, number, name),
                    "current": number == page_obj.number,
                }
            )
    return {
        "previous": _page_url(request, page_obj.previous_page_number(), name)
        if page_obj.has_previous()
        else None,
        "next": _page_url(request, page_obj.next_page_number(), name)
        if page_obj.has_next()
        else None,
        "items": items,
        "number": page_obj.number,
        "num_pages": paginator.num_pages,
    }


@register.filter
def publication_lead(value):
    """The words before a tool or template's title: 'On 7 July 2022 Ofsted published'."""
    date = value.get("date") if value else None
    publisher = (value.get("publisher") or "").strip() if value else ""
    when = f"On {dateformat.format(date, 'j F Y')}" if date else ""
    if when and publisher:
        return f"{when} {publisher} published"
    if publisher:
        return f"{publisher} published"
    if when:
        return f"{when}:"
    return ""


@register.simple_tag
def event_participants(event):
    """The authorities taking part in an event, with their organisations in the same query."""
    participants = event.participants.all()
    try:
        return list(participants.select_related("organisation"))
    except (AttributeError, TypeError):
        # An unsaved preview holds its participants in memory, not in the database.
        return list(participants)


# --- addresses of things that are not pages --------------------------------------------------


def _cached_index(context, model_path):
    """The live index page of a model ('seslip.ContactsIndexPage'), kept between requests
    (core.content_cache) and on the request."""
    request = context.get("request")
    cache = getattr(request, "_seslip_index_pages", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._seslip_index_pages = cache
    if model_path not in cache:
        cache[model_path] = content_cache.get_or_build(
            "index-page", apps.get_model(model_path).objects.live().first, model_path
        )
    return cache[model_path]


def _address_under(context, model_path, method, thing):
    """The address the live index page of ``model_path`` gives ``thing`` ('' without one)."""
    index = _cached_index(context, model_path)
    return getattr(index, method)(thing) if index is not None else ""


@register.simple_tag(takes_context=True)
def person_url(context, person):
    """A person's entry under Contacts (/contacts/12/), or '' for someone who has left."""
    if person is None or getattr(person, "has_left", False):
        return ""
    return _address_under(context, "seslip.ContactsIndexPage", "person_url", person)


@register.simple_tag(takes_context=True)
def news_item_url(context, item):
    """The address of a reusable news item's own page (/newsletters/items/12/)."""
    if item is None or getattr(item, "pk", None) is None:
        return ""
    return _address_under(context, "newsletters.NewsletterIndexPage", "news_item_url", item)


@register.simple_tag(takes_context=True)
def events_index(context):
    """The events calendar page, for links back to it from events filed under a network."""
    return _cached_index(context, "events.EventIndexPage")
