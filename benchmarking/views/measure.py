"""A measure's page: the South East authorities' latest figures as a table and a bar chart, the
trend of an authority of the visitor's choice beside the South East and England, and the
figures of restricted releases; and each table as CSV."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404
from django.utils import timezone

from .. import charts, queries
from ..forms import TrendForm
from ..presentation import (
    Cell,
    Table,
    band_cell,
    change_cell,
    csv_response,
    exact,
    figure,
    neighbour_cell,
    next_update_text,
    rank_cell,
    status_text,
    unit_text,
    value_cell,
)
from .base import LICENCE, by_release, protect, render_protected, restricted_label, route_url
from .charting import (
    area_lines,
    drawn_lines,
    emphasis,
    joined,
    leaving_off,
    series_of,
    total_areas,
    trend_summary,
)


@dataclass
class _Figures:
    """A measure's figures that the visitor may see, as its page's tables and charts use them."""

    measure: object
    releases: object
    areas: dict
    rows: list  # every figure of every release the visitor may see
    url: str  # the measure's page

    def __post_init__(self):
        self.region, self.england = queries.region_and_england(self.areas)
        self.authorities = queries.south_east(self.areas)
        self.main = [r for r in self.rows if r.release_id == self.releases.main.id]
        self.latest = {r.area_id: r for r in self.main if r.latest}
        self.extra = by_release(self.rows, self.releases)
        # (restricted release, {area id: its latest figure}) for those with a latest figure
        self.extra_latest = [
            (release, by_area)
            for release, release_rows in self.extra
            if (by_area := {r.area_id: r for r in release_rows if r.latest})
        ]
        self.year = next(iter(self.latest.values())).year if self.latest else ""
        self.unit = unit_text(self.measure)
        # The areas of the latest figures' table and bar chart.
        self.compared = [*self.authorities, *(a for a in (self.region, self.england) if a)]
        self.totals = total_areas(self.main, self.areas)


def _latest_cells(figures, area, authority_url):
    """An area's row of the latest figures: its name (linked, for an authority), its value, and
    for an authority its rank, band, change and neighbours' average; then its figure in each
    restricted release."""
    measure, row = figures.measure, figures.latest.get(area.id)
    authority = area.is_authority
    cells = [
        Cell(area.name, header=True, href=authority_url(area.la_number) if authority else ""),
        value_cell(row, measure),
        rank_cell(row) if authority else Cell(""),
        band_cell(row) if authority else Cell(""),
        change_cell(row, measure),
        neighbour_cell(row, measure) if authority else Cell(""),
    ]
    return cells + [
        value_cell(by_area.get(area.id), measure) for _, by_area in figures.extra_latest
    ]


def _latest_table(figures, authority_url):
    measure, unit = figures.measure, figures.unit
    return Table(
        "latest",
        f"{measure.title}{unit}, {figures.year}: South East authorities",
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
                for release, by_area in figures.extra_latest
            ),
        ],
        [_latest_cells(figures, a, authority_url) for a in figures.compared],
        csv_url=f"{figures.url}download/latest/",
    )


def _bars(figures, left_off):
    """The bar chart's bars: each area's latest figure, then its figures in restricted releases,
    leaving out the totals in ``left_off``."""
    measure, bars = figures.measure, []
    for a in figures.compared:
        if a in left_off:
            continue
        row = figures.latest.get(a.id)
        value = row.value if row is not None else None
        text = figure(value, measure, row.status if row is not None else "")
        bars.append(charts.Bar(a.name, value, text, emphasis(a)))
        for _, by_area in figures.extra_latest:
            if (row := by_area.get(a.id)) is not None:
                text = figure(row.value, measure, row.status)
                bars.append(
                    charts.Bar(
                        f"{a.name} (restricted)", row.value, f"{text} in {row.year}", "restricted"
                    )
                )
    return bars


def _bar_summary(figures):
    """The bar chart in words: the highest and lowest authorities, and the South East's and
    England's figures."""
    measure, year, authorities, latest = (
        figures.measure,
        figures.year,
        figures.authorities,
        figures.latest,
    )
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
    for area in (figures.region, figures.england):
        if area and area.id in latest:
            row = latest[area.id]
            parts.append(f"{area.name}: {figure(row.value, measure, row.status)}.")
    return " ".join(parts)


def _trend(figures, request):
    """The trend: every year with a figure, for an authority of the visitor's choice (the first
    until they choose), the South East and England; as a form, a table, a chart and words."""
    measure, authorities = figures.measure, figures.authorities
    first = {"authority": authorities[0].la_number} if authorities else None
    form = TrendForm(request.GET or first, authorities=authorities)
    chosen = (
        queries.by_number(figures.areas, form.cleaned_data["authority"])
        if form.is_valid()
        else next(iter(authorities), None)
    )
    trend_areas = [a for a in (chosen, figures.region, figures.england) if a]
    lines, years = area_lines(figures.main, figures.extra, trend_areas)
    table = Table(
        "trend",
        f"{measure.title}{figures.unit}: {', '.join(a.name for a in trend_areas)} over the years",
        ["Year"] + [name for name, _, _ in lines],
        [
            [Cell(y, header=True)]
            + [value_cell(by_year.get(y), measure) for _, by_year, _ in lines]
            for y in years
        ],
        csv_url=f"{figures.url}download/trend/"
        + (f"?{urlencode({'authority': chosen.la_number})}" if chosen else ""),
    )
    series = series_of(lines, years, measure)
    drawn, left_off = drawn_lines(series, figures.totals, trend_areas, figures.releases)
    svg = charts.line_chart(
        "chart-trend",
        table.caption,
        years,
        drawn,
        lambda v: figure(v, measure),
        measure.display_dps,
    )
    return {
        "form": form,
        "trend_table": table,
        "trend_svg": svg,
        "trend_summary": joined(trend_summary(measure, years, series), left_off),
    }


def _release_tables(figures):
    """A table for each restricted release with figures of the measure: every area and year."""
    measure, areas, tables = figures.measure, figures.areas, []
    for release, release_rows in figures.extra:
        tables.append(
            Table(
                f"release-{release.id}",
                f"{measure.title}: {release.name}",
                ["Area", "Year", f"Value{figures.unit}"],
                [
                    [Cell(areas[r.area_id].name, header=True), Cell(r.year), value_cell(r, measure)]
                    for r in sorted(
                        release_rows, key=lambda r: (areas[r.area_id].name, r.year_start)
                    )
                ],
                csv_url=f"{figures.url}download/release-{release.id}/",
            )
        )
    return tables


def measure_context(page, request, slug):
    reference = queries.reference()
    measure = reference.measures_by_slug.get(slug)
    if measure is None:
        raise Http404("No such measure")
    releases = queries.releases_for(request.user, reference)
    if releases.main is None:
        raise Http404("No data loaded")
    url = page.url + page.reverse_subpage("measure", args=[measure.slug])
    figures = _Figures(
        measure, releases, reference.areas, queries.measure_values(releases, measure), url
    )
    latest_table = _latest_table(figures, route_url(page, "authority", 0))
    left_off, left_off_words = leaving_off(figures.totals, figures.compared)
    return {
        "measure": measure,
        "next_update": next_update_text(measure, timezone.localdate()),
        "releases": releases,
        "year": figures.year,
        "latest_table": latest_table,
        "bar_svg": charts.bar_chart("chart-latest", latest_table.caption, _bars(figures, left_off)),
        "bar_summary": joined(_bar_summary(figures), left_off_words),
        **_trend(figures, request),
        "extra_tables": _release_tables(figures),
        "all_csv_url": f"{url}download/all/",
        "licence": LICENCE,
        "all_rows": figures.rows,
        "areas": figures.areas,
    }


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
