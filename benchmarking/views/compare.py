"""Comparisons: one measure over the years for an authority and the areas it is compared with
(its statistical neighbours, authorities of the visitor's choice, the South East, England)."""

from django.http import Http404

from .. import charts, queries
from ..forms import CompareForm
from ..presentation import Cell, Table, figure, unit_text, value_cell
from .base import LICENCE, by_release, protect, render_protected
from .charting import area_lines, drawn_lines, joined, series_of, total_areas, trend_summary


def compare_context(page, request):
    reference = queries.reference()
    releases = queries.releases_for(request.user, reference)
    areas = reference.areas
    authorities = sorted((a for a in areas.values() if a.is_authority), key=lambda a: a.name)
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
    region, england = queries.region_and_england(areas)
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
    lines, years = area_lines(main, by_release(rows, releases), unique)
    table = Table(
        "compare",
        f"{measure.title}{unit_text(measure)}: {area.name} compared",
        ["Area", *years],
        [
            [Cell(name, header=True), *(value_cell(by_year.get(y), measure) for y in years)]
            for name, by_year, _ in lines
        ],
        csv_url=page.url + page.reverse_subpage("compare_csv") + "?" + request.GET.urlencode(),
    )
    series = series_of(lines, years, measure)
    drawn, left_off = drawn_lines(series, total_areas(main, areas), unique, releases)
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
        summary=joined(trend_summary(measure, years, series), left_off),
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
