"""The benchmarking index: the measures by topic, found by words and topic; and the measures the
site's search lists."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from .. import queries
from ..forms import MeasureSearchForm
from ..measure_search import find_measures
from ..presentation import day_text, next_update_text, shortened
from .base import LICENCE, route_url, topics_of


@dataclass
class TopicListing:
    """A topic as the index lists it: its name, the id of its heading (for the contents at the
    top of the page) and its measures."""

    name: str
    anchor: str
    listings: list


@dataclass
class Listing:
    """A measure as the index lists it: its title and address, the start of its description
    and what the dictionary says of its source, period and updates, in one line."""

    title: str
    url: str
    summary: str
    details: str


def _listing(measure, url, today):
    next_update = next_update_text(measure, today)
    if measure.next_update is None:
        next_update = next_update.lower()  # the dictionary's note: 'tbc', 'discontinued'
    period = f" {measure.year_type}." if measure.year_type else ""
    return Listing(
        measure.title,
        url,
        shortened(measure.description, 300),
        f"Source: {shortened(measure.source or 'not given', 120)}.{period} Last updated "
        f"{day_text(measure.last_update) or '(not given)'}; next update {next_update}.",
    )


def _listings(page, measures):
    """The measures as the index lists them."""
    measure_url = route_url(page, "measure", "m")
    today = timezone.localdate()
    return [_listing(measure, measure_url(measure.slug), today) for measure in measures]


def matching_measures(page, query, respell=False, limit=5):
    """For the site's search: the measures holding every word of ``query`` (or of it respelt,
    with ``respell``), the first ``limit`` of them as listings as the index lists them."""
    found = find_measures(queries.reference(), query.lower().split(), respell=respell)
    found.listings = _listings(page, found.measures[:limit])
    return found


def index_context(page, request):
    reference = queries.reference()
    topics = topics_of(reference.measures)
    form = MeasureSearchForm(request.GET or None, topics=list(topics))
    words, topic = [], ""
    if form.is_bound and form.is_valid():
        words = form.cleaned_data["q"].lower().split()
        topic = form.cleaned_data["topic"]
    found = find_measures(reference, words, topic)
    return {
        "form": form,
        "topics": [
            TopicListing(name, f"topic-{slugify(name)}", _listings(page, measures))
            for name, measures in topics_of(found.measures).items()
        ],
        "searched": bool(words or topic),
        "respelling_note": found.respelling_note,
        "result_count": len(found.measures),
        "licence": LICENCE,
    }
