"""Template filters and tags that know no domain: dates and times, money, rich text, documents,
tables, pagination, page sections and fragments kept between requests. Plain Python, so that
templates only lay things out."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.core.paginator import Paginator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from wagtail.models import Site

from core import content_cache
from core.utils import TemplateDict, html_to_text
from core.utils import long_date as format_date

register = template.Library()

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


@register.filter
def long_date(value):
    """A date as 'Tuesday 4 March 2025' (aware datetimes in UK time)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_date(value)


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


@register.filter
def has_text(html):
    """True when rich text says something: an empty editor leaves '<p></p>' behind."""
    return bool(html_to_text(html))


@register.filter
def summary(html, words=30):
    """Rich text as a plain sentence or two, cut at a word boundary."""
    return Truncator(html_to_text(html)).words(int(words), truncate=" …")


# --- forms -----------------------------------------------------------------------------------


@register.simple_tag
def described_by(field, hint=""):
    """A form control's ``aria-describedby``: the ids of its hint and its error message, where
    it has them (components/forms/label.html writes them); nothing for neither."""
    found = [("hint", hint), ("error", field.errors)]
    ids = " ".join(f"{field.id_for_label}-{name}" for name, present in found if present)
    return format_html(' aria-describedby="{}"', ids) if ids else ""


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
        return TemplateDict(caption="", header=[], rows=[])
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
        [TemplateDict(text=cell, header=first_col and index == 0) for index, cell in enumerate(row)]
        for row in data
    ]
    return TemplateDict(
        caption=(value.get("table_caption") or "").strip(),
        header=header,
        rows=rows,
        first_col_is_header=first_col,
    )


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


# --- page sections ---------------------------------------------------------------------------


class SectionNode(template.Node):
    def __init__(self, anchor, heading, nodelist):
        self.anchor, self.heading, self.nodelist = anchor, heading, nodelist

    def render(self, context):
        anchor = self.anchor.resolve(context)
        return format_html(
            '<section class="seslip-section" aria-labelledby="{}">'
            '<h2 class="govuk-heading-l" id="{}">{}</h2>{}</section>',
            anchor,
            anchor,
            self.heading.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def section(parser, token):
    """``{% section "contact" "Contact the programme" %}…{% endsection %}``: a page section
    whose level-2 heading (with that id) labels it."""
    try:
        _, anchor, heading = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError("section takes an id and a heading") from error
    nodelist = parser.parse(("endsection",))
    parser.delete_first_token()
    return SectionNode(parser.compile_filter(anchor), parser.compile_filter(heading), nodelist)


# --- fragments kept between requests ---------------------------------------------------------


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist, when=None):
        self.name, self.vary_on, self.nodelist, self.when = name, vary_on, nodelist, when

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a draft shows what it holds, never what is kept
        if self.when is not None and not self.when.resolve(context):
            return self.nodelist.render(context)
        site = Site.find_for_request(request) if request is not None else None
        parts = [site.pk if site is not None else None]
        parts += [value.resolve(context) for value in self.vary_on]
        return content_cache.get_or_build(
            f"fragment:{self.name}", lambda: self.nodelist.render(context), *parts, in_process=True
        )


@register.tag
def fragment(parser, token):
    """``{% fragment "name" value… %}…{% endfragment %}``: a piece shown on many pages (the
    navigation, the footer, a news item, an event's card), rendered once and kept in the
    content cache (``core.content_cache``) until the next change to content.

    What it shows must depend only on the content, the site and the values named (plain values
    such as ids, dates, flags, whose ``repr`` tells them apart), never on who is asking: the
    same fragment is served to everyone, logged in or not. Anything for one visitor (a form's
    CSRF token, their name, a message) stays outside it. A preview is always rendered afresh:
    a draft shows what it holds, never the live page's kept fragment.

    ``{% fragment "name" value… when condition %}`` keeps it only when ``condition`` is true,
    and renders it afresh otherwise: a listing is kept while only chosen values narrow it, and
    not for words a visitor searched for (each would keep a copy of its own).
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment takes a name and the values it varies on")
    name, vary_on, when = bits[1].strip("\"'"), bits[2:], None
    if "when" in vary_on:
        if vary_on.index("when") != len(vary_on) - 2:
            raise template.TemplateSyntaxError("fragment's 'when' takes one condition, at the end")
        vary_on, when = vary_on[:-2], parser.compile_filter(vary_on[-1])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, [parser.compile_filter(bit) for bit in vary_on], nodelist, when)
