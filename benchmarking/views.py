"""What the benchmarking pages show: built here in Python, rendered by the page's routes.

Every table is a ``presentation.Table``, so a page and its CSV download show the same rows.
Responses that include a release that is not public yet are private to the visitor.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import slugify

from . import charts, queries
from .forms import CompareForm, GridForm, MeasureSearchForm, TrendForm
from .models.data import AreaKind
from .presentation import (
    Cell,
    Table,
    csv_response,
    day_text,
    exact,
    figure,
    figure_cell,
    next_update_text,
    ordinal,
    plain,
    shortened,
    signed,
    status_text,
)

# A search for measures that finds none is tried again with each word that no measure holds
# respelt as the measures' word most like it: one with the same first letter (people seldom
# mistype it) and this alike (difflib's ratio), for words this long or longer, at most this
# many of them. Looser, 'surrey' became 'survey' and 'update' became 'date'.
RESPELL_LIKENESS = 0.85
RESPELL_SHORTEST = 5
RESPELL_MOST_WORDS = 3

LICENCE = (
    "Source: Department for Education. Contains public sector information licensed under the "
    "Open Government Licence v3.0."
)


def protect(response, releases):
    """No shared cache may keep a response that depends on who is asking."""
    patch_vary_headers(response, ["Cookie"])
    if releases.private:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def route_url(page, route, marker):
    """A function giving the address of one of the page's routes for its argument, reversed
    once rather than once for each of hundreds of rows (``marker`` is any valid argument)."""
    before, _, after = (page.url + page.reverse_subpage(route, args=[marker])).rpartition(
        str(marker)
    )
    return lambda argument: f"{before}{argument}{after}"


def render_protected(page, request, template, context):
    """The benchmarking page rendered with ``context`` in ``template``, kept from shared caches
    when it shows data that not everyone may see."""
    response = page.render(request, template=template, context_overrides=context)
    return protect(response, context["releases"])


def _topics(measures):
    by_topic = defaultdict(list)
    for measure in measures:
        by_topic[measure.topic].append(measure)
    return dict(sorted(by_topic.items()))


def restricted_label(name, release):
    """How a figure of a release that is not the public series is named wherever it appears."""
    return f"{name} (restricted: {release.name})"


def _by_release(rows, releases):
    """The visible restricted releases with their rows, leaving out those with none."""
    grouped = [
        (release, [r for r in rows if r.release_id == release.id]) for release in releases.extra
    ]
    return [(release, release_rows) for release, release_rows in grouped if release_rows]


def _lines(public, extra, areas):
    """The lines of a trend, one per area, then one per area and restricted release with a figure
    for it, each as (label, {year: row}, emphasis); and the years with a figure on any line."""
    lines = [
        (
            a.name,
            {r.year: r for r in public if r.area_id == a.id},
            "" if a.kind == AreaKind.AUTHORITY else a.kind,
        )
        for a in areas
    ]
    for release, release_rows in extra:
        for a in areas:
            by_year = {r.year: r for r in release_rows if r.area_id == a.id}
            if by_year:
                lines.append((restricted_label(a.name, release), by_year, "restricted"))
    shown = [r for _, by_year, _ in lines for r in by_year.values() if r.value is not None]
    years = list(dict.fromkeys(r.year for r in sorted(shown, key=lambda r: (r.year_start, r.year))))
    return lines, years


def _series(lines, years, measure):
    return [
        charts.Series(name, [_point(by_year.get(y), measure) for y in years], emphasis)
        for name, by_year, emphasis in lines
    ]


# The South East's figure is a total of its authorities' (a count) rather than a rate or an
# average (never above its largest authority's) when it is over this many times the largest.
TOTAL_OVER = 2


def _totals(rows, areas):
    """The South East and England where their figures of the measure are totals of their
    authorities' (children looked after in 2025: the South East 11,050, England 81,770, Kent
    the largest authority with 1,896): drawn beside the authorities, every authority's bar or
    line would be a sliver. Judged from ``rows``, the public figures, in their latest year."""
    latest = {r.area_id: r.value for r in rows if r.latest and r.value is not None}
    region, england = queries.england_and_region(areas)
    largest = max(
        (abs(latest[a.id]) for a in queries.south_east(areas) if a.id in latest), default=0
    )
    if region is None or not largest or abs(latest.get(region.id, 0)) <= TOTAL_OVER * largest:
        return []
    return [area for area in (region, england) if area]


def _left_off(totals, charted):
    """Of the ``totals``, those a chart of ``charted`` areas leaves out, and its words saying so."""
    left_off = [area for area in charted if area in totals]
    if not left_off:
        return left_off, ""
    their, them = ("their", "them") if len(left_off) > 1 else ("its", "it")
    words = (
        f"The chart leaves out {' and '.join(area.name for area in left_off)}: {their} figures "
        f"are totals of {their} authorities', and beside {them} the authorities' figures could "
        f"not be told apart. The table gives {their} figures."
    )
    return left_off, words


def _drawn_lines(series, totals, charted, releases):
    """The lines of a chart of ``charted`` areas less those of the totals it leaves out
    (restricted releases' too), and its words saying so."""
    left_off, words = _left_off(totals, charted)
    names = {area.name for area in left_off} | {
        restricted_label(area.name, release) for area in left_off for release in releases.extra
    }
    return [line for line in series if line.name not in names], words


def _joined(*sentences):
    return " ".join(sentence for sentence in sentences if sentence)


# --- the index -----------------------------------------------------------------------------------


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


def _matches(measure, words):
    """Whether every word searched for is in the measure's name, code, description or topic."""
    return all(word in measure.searched_text for word in words)


def respelt(words, reference):
    """``words`` with each that no measure holds replaced by the measures' word spelt most like
    it ('placments' → 'placements'), or None when every word is held, when too many are not,
    or when one is like no word of theirs."""
    unknown = [w for w in words if not any(w in m.searched_text for m in reference.measures)]
    if not unknown or len(unknown) > RESPELL_MOST_WORDS:
        return None
    spelt = {}
    for word in unknown:
        if len(word) < RESPELL_SHORTEST:
            return None
        candidates = reference.vocabulary.get(word[0], [])
        alike = difflib.get_close_matches(word, candidates, n=1, cutoff=RESPELL_LIKENESS)
        if not alike:
            return None
        spelt[word] = alike[0]
    return [spelt.get(word, word) for word in words]


@dataclass
class Found:
    """The measures a search found; when its words had to be respelt, the note saying so; and
    for the site's search, the first few as listings."""

    measures: list
    respelling_note: str = ""
    listings: list = field(default_factory=list)


def find_measures(reference, words, topic="", respell=True):
    """The measures (of ``topic``, or all) holding every word searched for; when those find
    none and ``respell``, the measures holding the words respelt (``respelt``)."""
    measures = [m for m in reference.measures if not topic or m.topic == topic]
    found = [m for m in measures if _matches(m, words)]
    if not found and words and respell and (respelling := respelt(words, reference)):
        found = [m for m in measures if _matches(m, respelling)]
        if found:
            note = (
                f"No measures match ‘{' '.join(words)}’. These match ‘{' '.join(respelling)}’, "
                "the closest spelling."
            )
            return Found(found, note)
    return Found(found)


def matching_measures(page, query, respell=False, limit=5):
    """For the site's search: the measures holding every word of ``query`` (or of it respelt,
    with ``respell``), the first ``limit`` of them as listings as the index lists them."""
    found = find_measures(queries.reference(), query.lower().split(), respell=respell)
    measure_url = route_url(page, "measure", "m")
    today = timezone.localdate()
    found.listings = [_listing(m, measure_url(m.slug), today) for m in found.measures[:limit]]
    return found


def index_context(page, request):
    reference = queries.reference()
    topics = _topics(reference.measures)
    form = MeasureSearchForm(request.GET or None, topics=list(topics))
    words, topic = [], ""
    if form.is_bound and form.is_valid():
        words = form.cleaned_data["q"].lower().split()
        topic = form.cleaned_data["topic"]
    found = find_measures(reference, words, topic)
    measure_url = route_url(page, "measure", "m")
    today = timezone.localdate()
    shown = {}
    for measure in found.measures:
        listing = _listing(measure, measure_url(measure.slug), today)
        shown.setdefault(measure.topic, []).append(listing)
    return {
        "form": form,
        "topics": [
            TopicListing(name, f"topic-{slugify(name)}", listings)
            for name, listings in sorted(shown.items())
        ],
        "searched": bool(words or topic),
        "respelling_note": found.respelling_note,
        "result_count": len(found.measures),
        "licence": LICENCE,
    }


# --- a measure -----------------------------------------------------------------------------------


def measure_context(page, request, slug):
    reference = queries.reference()
    measure = reference.measures_by_slug.get(slug)
    if measure is None:
        raise Http404("No such measure")
    releases = queries.releases_for(request.user, reference)
    if releases.main is None:
        raise Http404("No data loaded")
    areas = reference.areas
    region, england = queries.england_and_region(areas)
    authorities = queries.south_east(areas)
    rows = queries.measure_values(releases, measure)
    main = [r for r in rows if r.release_id == releases.main.id]
    latest = {r.area_id: r for r in main if r.latest}
    extra = _by_release(rows, releases)
    extra_latest = [
        (release, {r.area_id: r for r in release_rows if r.latest})
        for release, release_rows in extra
    ]
    extra_latest = [(release, by_area) for release, by_area in extra_latest if by_area]
    year = next(iter(latest.values())).year if latest else ""
    base = page.url + page.reverse_subpage("measure", args=[measure.slug])
    authority_url = route_url(page, "authority", 0)

    def row_cells(area, link=True):
        row = latest.get(area.id)
        cells = [
            Cell(area.name, header=True, href=authority_url(area.la_number) if link else ""),
            _value_cell(row, measure),
        ]
        if area.kind != AreaKind.AUTHORITY:
            return cells + [Cell(""), Cell(""), _change_cell(row, measure), Cell("")]
        return cells + [
            _rank_cell(row),
            _band_cell(row),
            _change_cell(row, measure),
            _neighbour_cell(row, measure),
        ]

    unit = _unit(measure)
    compared = [*authorities, *(x for x in (region, england) if x)]
    latest_table = Table(
        "latest",
        f"{measure.title}{unit}, {year}: South East authorities",
        [
            "Area",
            f"Value{unit}",
            "Rank in England (1 = best)"
            if measure.ranked
            else "Rank in England (none: neither higher nor lower is better)",
            "Quartile band (A = best)",
            "Change since previous year",
            "Statistical neighbours' average",
            *(
                restricted_label(next(iter(by_area.values())).year, release)
                for release, by_area in extra_latest
            ),
        ],
        [
            row_cells(a, link=a.kind == AreaKind.AUTHORITY)
            + [_value_cell(by_area.get(a.id), measure) for _, by_area in extra_latest]
            for a in compared
        ],
        csv_url=f"{base}download/latest/",
    )

    totals = _totals(main, areas)
    left_off, left_off_words = _left_off(totals, compared)
    bars = []
    for a in [a for a in compared if a not in left_off]:
        bars.append(
            charts.Bar(
                a.name,
                latest[a.id].value if a.id in latest else None,
                figure(
                    latest[a.id].value if a.id in latest else None,
                    measure,
                    latest[a.id].status if a.id in latest else "",
                ),
                "" if a.kind == AreaKind.AUTHORITY else a.kind,
            )
        )
        for _, by_area in extra_latest:
            if a.id in by_area:
                row = by_area[a.id]
                text = figure(row.value, measure, row.status)
                bars.append(
                    charts.Bar(
                        f"{a.name} (restricted)", row.value, f"{text} in {row.year}", "restricted"
                    )
                )
    bar_svg = charts.bar_chart("chart-latest", latest_table.caption, bars)

    # The trend: every year with a figure, for an authority of the visitor's choice (the first
    # until they choose), the South East and England.
    first = {"authority": authorities[0].la_number} if authorities else None
    trend_form = TrendForm(request.GET or first, authorities=authorities)
    chosen = (
        queries.by_number(areas, trend_form.cleaned_data["authority"])
        if trend_form.is_valid()
        else next(iter(authorities), None)
    )
    trend_areas = [a for a in (chosen, region, england) if a]
    lines, years = _lines(main, extra, trend_areas)
    trend_table = Table(
        "trend",
        f"{measure.title}{unit}: {', '.join(a.name for a in trend_areas)} over the years",
        ["Year"] + [name for name, _, _ in lines],
        [
            [Cell(y, header=True)]
            + [_value_cell(by_year.get(y), measure) for _, by_year, _ in lines]
            for y in years
        ],
        csv_url=f"{base}download/trend/"
        + (f"?{urlencode({'authority': chosen.la_number})}" if chosen else ""),
    )
    series = _series(lines, years, measure)
    drawn, trend_left_off = _drawn_lines(series, totals, trend_areas, releases)
    trend_svg = charts.line_chart(
        "chart-trend",
        trend_table.caption,
        years,
        drawn,
        lambda v: figure(v, measure),
        measure.display_dps,
    )

    extra_tables = []
    for release in releases.extra:
        release_rows = [r for r in rows if r.release_id == release.id]
        if not release_rows:
            continue
        extra_tables.append(
            Table(
                f"release-{release.id}",
                f"{measure.title}: {release.name}",
                ["Area", "Year", f"Value{unit}"],
                [
                    [
                        Cell(areas[r.area_id].name, header=True),
                        Cell(r.year),
                        _value_cell(r, measure),
                    ]
                    for r in sorted(
                        release_rows, key=lambda r: (areas[r.area_id].name, r.year_start)
                    )
                ],
                csv_url=f"{base}download/release-{release.id}/",
            )
        )
    return {
        "measure": measure,
        "next_update": next_update_text(measure, timezone.localdate()),
        "releases": releases,
        "year": year,
        "latest_table": latest_table,
        "bar_svg": bar_svg,
        "bar_summary": _joined(
            _bar_summary(measure, year, authorities, latest, region, england),
            left_off_words,
        ),
        "form": trend_form,
        "trend_table": trend_table,
        "trend_svg": trend_svg,
        "trend_summary": _joined(_trend_summary(measure, years, series), trend_left_off),
        "extra_tables": extra_tables,
        "all_csv_url": f"{base}download/all/",
        "licence": LICENCE,
        "all_rows": rows,
        "areas": areas,
    }


def _unit(measure):
    """What the measure's figures are, for a heading or caption: ' (Rate per 10,000)'."""
    return f" ({measure.y_axis_name})" if measure.y_axis_name else ""


def _value_cell(row, measure):
    if row is None:
        return figure_cell(None, measure)
    return figure_cell(row.value, measure, row.status)


def _rank_cell(row):
    if row is None or row.rank is None:
        return Cell("")
    return Cell(f"{ordinal(row.rank)} of {row.ranked_out_of}", str(row.rank), True)


def _band_cell(row):
    if row is None or not row.band:
        return Cell("")
    return Cell(row.band, css=f"bm-band bm-band--{row.band.lower()}")


def _change_cell(row, measure):
    """The change since the previous year, or why there is none."""
    if row is None or row.value is None:
        return Cell("no figure this year", numeric=True)
    if row.change is None:
        return Cell("no figure the year before", numeric=True)
    return Cell(signed(row.change, measure), plain(row.change, measure.display_dps), True)


def _neighbour_cell(row, measure):
    """The statistical neighbours' average, or why there is none."""
    if row is None or row.neighbour_average is None:
        return Cell("no neighbour has a figure", numeric=True)
    return figure_cell(row.neighbour_average, measure)


def _point(row, measure):
    if row is None or row.value is None:
        return (None, status_text(row.status if row else ""))
    return (row.value, figure(row.value, measure))


def _bar_summary(measure, year, authorities, latest, region, england):
    present = [
        (a, latest[a.id].value)
        for a in authorities
        if a.id in latest and latest[a.id].value is not None
    ]
    if not present:
        return f"No South East authority has a published figure for {year or 'any year'}."
    high = max(present, key=lambda p: p[1])
    low = min(present, key=lambda p: p[1])
    missing = len(authorities) - len(present)
    parts = [
        f"In {year}, of the {len(present)} South East authorities with a published figure, "
        f"{high[0].name} had the highest ({figure(high[1], measure)}) and {low[0].name} the "
        f"lowest ({figure(low[1], measure)})."
    ]
    if measure.ranked:
        better = "higher" if measure.polarity == "high" else "lower"
        parts.append(f"For this measure {better} is better.")
    if missing:
        parts.append(f"{missing} had no published figure.")
    for area in (region, england):
        if area and area.id in latest:
            row = latest[area.id]
            parts.append(f"{area.name}: {figure(row.value, measure, row.status)}.")
    return " ".join(parts)


def _trend_summary(measure, years, series):
    if not years:
        return "No figures have been published for this measure."
    parts = []
    for line in series:
        points = [(y, p) for y, p in zip(years, line.points, strict=True) if p[0] is not None]
        if points:
            (first_year, first), (last_year, last) = points[0], points[-1]
            parts.append(
                f"{line.name} went from {first[1]} in {first_year} to {last[1]} in {last_year}."
            )
        gaps = [y for y, p in zip(years, line.points, strict=True) if p[0] is None]
        if gaps and line.emphasis != "restricted":
            parts.append(f"{line.name} has no figure for {', '.join(gaps)}.")
    return " ".join(parts)


def measure(page, request, slug):
    context = measure_context(page, request, slug)
    return render_protected(page, request, "benchmarking/measure.html", context)


def measure_csv(page, request, slug, table):
    context = measure_context(page, request, slug)
    measure = context["measure"]
    if table == "all":
        names = {r.id: r.name for r in [context["releases"].main, *context["releases"].extra]}
        areas = context["areas"]
        rows = [["measure", "area", "la_number", "year", "value", "status", "release"]]
        for r in sorted(
            context["all_rows"], key=lambda r: (r.release_id, areas[r.area_id].name, r.year_start)
        ):
            area = areas[r.area_id]
            rows.append(
                [
                    measure.code,
                    area.name,
                    area.la_number,
                    r.year,
                    "" if r.value is None else exact(r.value),
                    "" if r.value is not None else status_text(r.status),
                    names[r.release_id],
                ]
            )
        response = csv_response(f"{measure.slug}-all-values", rows)
    else:
        tables = {
            t.name: t
            for t in [context["latest_table"], context["trend_table"], *context["extra_tables"]]
        }
        if table not in tables:
            raise Http404("No such table")
        response = tables[table].csv_response(f"{measure.slug}-{table}")
    return protect(response, context["releases"])


# --- an authority --------------------------------------------------------------------------------


def authority_context(page, request, la_number):
    reference = queries.reference()
    releases = queries.releases_for(request.user, reference)
    areas = reference.areas
    area = queries.by_number(areas, la_number)
    if area is None or area.kind != AreaKind.AUTHORITY or releases.main is None:
        raise Http404("No such authority")
    region, england = queries.england_and_region(areas)
    authorities = queries.south_east(areas)
    measures = reference.measures
    topics = _topics(measures)
    form, topic = _topic_form(request, topics)
    rows = queries.latest_values(
        releases,
        [a.id for a in authorities],
        [m.id for m in topics.get(topic, [])],
        every_measure_of=[area.id] + [a.id for a in (region, england) if a],
    )
    main = {(r.measure_id, r.area_id): r for r in rows if r.release_id == releases.main.id}
    base = page.url + page.reverse_subpage("authority", args=[la_number])
    measure_url = route_url(page, "measure", "m")
    tables = []
    for number, (name, items) in enumerate(topics.items()):
        table_rows = []
        for m in items:
            row = main.get((m.id, area.id))
            if row is None:
                continue
            region_row = main.get((m.id, region.id)) if region else None
            england_row = main.get((m.id, england.id)) if england else None
            table_rows.append(
                [
                    Cell(m.title, header=True, href=measure_url(m.slug)),
                    _value_cell(row, m),
                    Cell(m.y_axis_name or "not given"),
                    Cell(row.year),
                    _rank_cell(row),
                    _band_cell(row),
                    _neighbour_cell(row, m),
                    _value_cell(region_row, m),
                    _value_cell(england_row, m),
                ]
            )
        if table_rows:
            tables.append(
                Table(
                    f"topic-{number}",
                    f"{area.name}: {name}",
                    [
                        "Measure",
                        area.name,
                        "What the figures are",
                        "Year",
                        "Rank in England (1 = best)",
                        "Quartile band (A = best)",
                        "Statistical neighbours' average",
                        "South East",
                        "England",
                    ],
                    table_rows,
                    csv_url=f"{base}download/topic-{number}/",
                    heading=name,
                )
            )
    # The tartan rug of the 19 authorities, one topic at a time.
    rug = _band_grid(
        "rug",
        f"Quartile bands of the South East authorities: {topic}",
        topics.get(topic, []),
        authorities,
        main,
        measure_url,
        csv_url=f"{base}download/rug/?" + urlencode({"topic": topic}),
        current=area,
        extra=_by_release(rows, releases),
    )
    extra_tables = []
    by_id = {m.id: m for m in measures}
    for release in releases.extra:
        release_rows = [r for r in rows if r.release_id == release.id and r.area_id == area.id]
        if release_rows:
            extra_tables.append(
                Table(
                    f"release-{release.id}",
                    f"{area.name}: {release.name}",
                    ["Measure", "Value", "What the figures are", "Year"],
                    [
                        [
                            Cell(by_id[r.measure_id].title, header=True),
                            _value_cell(r, by_id[r.measure_id]),
                            Cell(by_id[r.measure_id].y_axis_name or "not given"),
                            Cell(r.year),
                        ]
                        for r in release_rows
                    ],
                    csv_url=f"{base}download/release-{release.id}/",
                )
            )
    return {
        "area": area,
        "releases": releases,
        "tables": tables,
        "form": form,
        "topic": topic,
        "rug": rug,
        "extra_tables": extra_tables,
        "compare_url": page.url
        + page.reverse_subpage("compare")
        + "?"
        + urlencode({"authority": la_number, "neighbours": "on", "region": "on", "england": "on"}),
        "licence": LICENCE,
    }


def authority(page, request, la_number):
    context = authority_context(page, request, la_number)
    response = page.render(
        request, template="benchmarking/authority.html", context_overrides=context
    )
    return protect(response, context["releases"])


def authority_csv(page, request, la_number, table):
    context = authority_context(page, request, la_number)
    tables = {t.name: t for t in [*context["tables"], context["rug"], *context["extra_tables"]]}
    if table not in tables:
        raise Http404("No such table")
    response = tables[table].csv_response(f"{context['area'].name}-{table}")
    return protect(response, context["releases"])


# --- the grid ("tartan rug") ---------------------------------------------------------------------


def _topic_form(request, topics):
    """The form choosing a topic (``?topic=``) and the topic shown: the first one until the
    visitor chooses one from the list."""
    first = next(iter(topics), "")
    form = GridForm(request.GET or {"topic": first}, topics=list(topics))
    return form, form.cleaned_data["topic"] if form.is_valid() else first


def _band_grid(
    name, caption, measures, authorities, by_key, measure_url, csv_url, current=None, extra=()
):
    """The "tartan rug": a row for each measure, a column for each authority, each cell the
    authority's quartile band in the latest year as a letter (and a colour), its figure where
    the measure has no bands, or a dash where none is published. ``current`` is named as such
    in its column's heading. Under each measure, a row for each restricted release in ``extra``
    ((release, rows)) with the figures it has for that measure."""
    extra_by_key = [
        (release, {(r.measure_id, r.area_id): r for r in release_rows})
        for release, release_rows in extra
    ]
    table_rows = []
    for m in measures:
        cells = [Cell(m.title, header=True, href=measure_url(m.slug))]
        year = ""
        for a in authorities:
            row = by_key.get((m.id, a.id))
            year = year or (row.year if row else "")
            if row is None or row.value is None:
                cells.append(
                    Cell("–", status_text(row.status if row else ""), css="bm-band bm-band--none")
                )
            elif row.band:
                cells.append(Cell(row.band, css=f"bm-band bm-band--{row.band.lower()}"))
            else:
                cells.append(Cell(figure(row.value, m), css="bm-band bm-band--none"))
        cells.insert(1, Cell(year))
        table_rows.append(cells)
        for release, release_by_key in extra_by_key:
            found = [release_by_key.get((m.id, a.id)) for a in authorities]
            if any(found):
                year = next(r.year for r in found if r)
                table_rows.append(
                    [Cell(restricted_label(m.title, release), header=True), Cell(year)]
                    + [
                        Cell(
                            figure(r.value, m, r.status) if r else "–", css="bm-band bm-band--none"
                        )
                        for r in found
                    ]
                )
    headings = [f"{a.name} (this authority)" if a == current else a.name for a in authorities]
    return Table(name, caption, ["Measure", "Year", *headings], table_rows, csv_url=csv_url)


def grid_context(page, request):
    reference = queries.reference()
    releases = queries.releases_for(request.user, reference)
    if releases.main is None:
        raise Http404("No data loaded")
    topics = _topics(reference.measures)
    form, topic = _topic_form(request, topics)
    authorities = queries.south_east(reference.areas)
    rows = queries.latest_values(
        releases, [a.id for a in authorities], [m.id for m in topics.get(topic, [])]
    )
    table = _band_grid(
        "grid",
        f"Quartile bands of the South East authorities: {topic}",
        topics.get(topic, []),
        authorities,
        {(r.measure_id, r.area_id): r for r in rows if r.release_id == releases.main.id},
        route_url(page, "measure", "m"),
        csv_url=page.url + page.reverse_subpage("grid_csv") + "?" + urlencode({"topic": topic}),
        extra=_by_release(rows, releases),
    )
    return {"releases": releases, "form": form, "topic": topic, "table": table, "licence": LICENCE}


def grid(page, request):
    context = grid_context(page, request)
    return render_protected(page, request, "benchmarking/grid.html", context)


def grid_csv(page, request):
    context = grid_context(page, request)
    return protect(context["table"].csv_response(f"grid-{context['topic']}"), context["releases"])


# --- compare -------------------------------------------------------------------------------------


def compare_context(page, request):
    reference = queries.reference()
    releases = queries.releases_for(request.user, reference)
    areas = reference.areas
    authorities = sorted(
        (a for a in areas.values() if a.kind == AreaKind.AUTHORITY), key=lambda a: a.name
    )
    measures = reference.measures
    # An authority's page links here with the authority and comparators chosen but no measure:
    # a start to finish, not a submission to check.
    submitted = "measure" in request.GET
    form = CompareForm(
        request.GET if submitted else None,
        initial=None if submitted else CompareForm.starting_choices(request.GET),
        authorities=authorities,
        measures=measures,
    )
    context = {"releases": releases, "form": form, "licence": LICENCE}
    if not form.is_bound or not form.is_valid() or releases.main is None:
        return context
    data = form.cleaned_data
    area = queries.by_number(areas, data["authority"])
    measure = next(m for m in measures if m.code == data["measure"])
    region, england = queries.england_and_region(areas)
    chosen = [area]
    if data["neighbours"]:
        neighbour_ids = reference.neighbours.get(area.id, [])
        chosen += [areas[i] for i in neighbour_ids]
    chosen += [a for a in authorities if a.la_number in data["others"]]
    if data["region"] and region:
        chosen.append(region)
    if data["england"] and england:
        chosen.append(england)
    unique = list(dict.fromkeys(chosen))
    # The South East's authorities too: whether the figures are totals is judged from them.
    judged = {a.id for a in [*unique, *queries.south_east(areas), region] if a}
    rows = queries.measure_values(releases, measure, list(judged))
    main = [r for r in rows if r.release_id == releases.main.id]
    lines, years = _lines(main, _by_release(rows, releases), unique)
    table = Table(
        "compare",
        f"{measure.title}{_unit(measure)}: {area.name} compared",
        ["Area", *years],
        [
            [Cell(name, header=True), *(_value_cell(by_year.get(y), measure) for y in years)]
            for name, by_year, _ in lines
        ],
        csv_url=page.url + page.reverse_subpage("compare_csv") + "?" + request.GET.urlencode(),
    )
    series = _series(lines, years, measure)
    drawn, left_off = _drawn_lines(series, _totals(main, areas), unique, releases)
    context.update(
        area=area,
        measure=measure,
        table=table,
        svg=charts.line_chart(
            "chart-compare",
            table.caption,
            years,
            drawn,
            lambda v: figure(v, measure),
            measure.display_dps,
        ),
        summary=_joined(_trend_summary(measure, years, series), left_off),
    )
    return context


def compare(page, request):
    context = compare_context(page, request)
    return render_protected(page, request, "benchmarking/compare.html", context)


def compare_csv(page, request):
    context = compare_context(page, request)
    if "table" not in context:
        raise Http404("Choose an authority and a measure")
    return protect(context["table"].csv_response("comparison"), context["releases"])
