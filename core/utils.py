"""Small helpers shared by the apps."""

import re
from html import unescape
from urllib.parse import urljoin

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags

# ASCII digits only, with an optional minus: str.isdigit() and int() also take '²', '①', '٣'
# or '１' (and int() raises on more than 4,300 digits), none of which anyone means in an address.
ASCII_INTEGER = re.compile(r"-?[0-9]{1,18}")


class TemplateDict(dict):
    """A dict for a template whose missing keys read as '' (a table's cell that is not a link,
    a date or a tag). Django looks a missing key up as an attribute and an index too, and lists
    the dict's attributes to tell why it failed: tens of microseconds a lookup, for every cell
    of a table."""

    def __missing__(self, key):
        return ""


def when_rendered(**builds):
    """Context values worked out only if the template reads them: for what a page shows inside
    a ``{% fragment %}``, kept until the next change to content and so seldom rendered afresh.
    Each is built once at the most, by calling its function with no arguments."""
    return {name: SimpleLazyObject(build) for name, build in builds.items()}


def parse_int(value, minimum=None, maximum=None):
    """``value`` as an int when it is written in ASCII digits and lies within the bounds; None
    for anything else (Unicode digits, signs, spaces, more than 18 digits, not a string)."""
    if not isinstance(value, str) or not ASCII_INTEGER.fullmatch(value):
        return None
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def page_number(request, name="page"):
    """The requested page number as a positive int; anything else means page 1."""
    return parse_int(request.GET.get(name, "1"), minimum=1) or 1


def programme_year(day):
    """The programme year a date falls in, by its first calendar year: April to March."""
    return day.year if day.month >= 4 else day.year - 1


def programme_year_label(year):
    """2023 -> '2023-24': the programme's year runs from April to March."""
    return f"{year}-{(year + 1) % 100:02d}"


def current_programme_year():
    """This programme year as the plan writes it: '2026-27' from April 2026 to March 2027."""
    return programme_year_label(programme_year(timezone.localdate()))


LONG_DATE = "l j F Y"  # Tuesday 4 March 2025


def long_date(day):
    """A date as readers see it: 'Tuesday 4 March 2025'."""
    return dateformat.format(day, LONG_DATE)


def count_of(number, noun, plural=None):
    """A count with its noun as readers say it: '1 subscriber', '5,000 subscribers'."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


# Where one block or line of rich text ends and the next begins: the words either side are apart.
_BREAK = re.compile(r"<(?:br|/p|/li|/h[1-6]|/div|/td|/th|/blockquote)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def html_to_text(html):
    """Rich text as one line of plain text: 'adoption. To hold', not 'adoption.To hold'."""
    return _SPACE.sub(" ", unescape(strip_tags(_BREAK.sub(" ", str(html or ""))))).strip()


def site_url(path="/"):
    """An absolute address on the site, at WAGTAILADMIN_BASE_URL: for emails, which need
    absolute links, and never from the request's Host header, which the sender chooses."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path)
