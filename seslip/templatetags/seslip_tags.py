"""Values the site's templates show but should not compute, where they know its content: when
an event happens, what a search result is, the addresses of people and news items.

Everything here is plain Python so that templates only lay things out; the filters that know no
domain are in core's ``core_tags``.
"""

from django import template
from django.apps import apps
from django.utils import dateformat

from core import content_cache
from core.templatetags.core_tags import format_date, format_time, has_text, long_date, summary
from core.utils import TemplateDict

register = template.Library()


# --- dates and times ------------------------------------------------------------------------


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
    """What a search result is, and when for events and updates: 'Event, Tuesday 4 March 2025';
    for a repeating event, how it repeats from its first date."""
    kind = page_kind(page)
    model = getattr(getattr(page, "_meta", None), "model_name", "")
    if model == "eventpage" and getattr(page, "start", None):
        repeats = page.recurrence_text
        if repeats:
            return f"{kind}, {repeats[0].lower()}{repeats[1:]}, from {long_date(page.start)}"
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


def event_participants(event):
    """The authorities taking part in an event, with their organisations in the same query."""
    participants = event.participants.all()
    try:
        return list(participants.select_related("organisation"))
    except (AttributeError, TypeError):
        # An unsaved preview holds its participants in memory, not in the database.
        return list(participants)


# --- tables, for components/table.html ----------------------------------------------------------


def _date_cell(date, missing):
    if date is None:
        return TemplateDict(text=missing)
    return TemplateDict(text=dateformat.format(date, "j F Y"), datetime=date.isoformat())


@register.simple_tag
def participants_table(event):
    """The authorities taking part in an event, with their roles."""
    return TemplateDict(
        label="Participating authorities",
        header=["Authority", "Role"],
        rows=[
            [
                TemplateDict(text=p.organisation.name, header=True),
                TemplateDict(text=p.get_role_display()),
            ]
            for p in event_participants(event)
        ],
    )


@register.simple_tag
def outputs_table(network):
    """A network's outputs for the year: what, how far on, and when."""
    return TemplateDict(
        label="Outputs for the year",
        header=["Output", "Status", "Date"],
        rows=[
            [
                TemplateDict(text=output.text),
                TemplateDict(text=output.get_status_display(), tag=output_tag_class(output.status)),
                _date_cell(output.due, "Not set"),
            ]
            for output in network.outputs.all()
        ],
    )


@register.simple_tag(takes_context=True)
def meetings_table(context, events):
    """Coming meetings (dates of repeating ones included): each one's link, when and where."""
    request = context.get("request")
    rows = []
    for event in events:
        when = event_when(event)
        change = getattr(event, "change_text", "")
        rows.append(
            [
                TemplateDict(text=event.title, header=True, href=event.get_url(request)),
                TemplateDict(
                    text=when["date"],
                    datetime=when["iso_date"],
                    after=(f", {when['time'].lower()}" if when["time"] else "")
                    + (f" – {change}" if change else ""),
                ),
                TemplateDict(text=event.where),
            ]
        )
    return TemplateDict(
        # Not the name of the section it is in: two landmarks of one name cannot be told apart.
        label="Meetings, when and where",
        header=["Meeting", "When", "Where"],
        rows=rows,
    )


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
