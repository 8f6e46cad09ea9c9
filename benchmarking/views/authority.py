"""An authority's page: its latest figure for every measure, topic by topic, beside the South
East's and England's; the quartile bands of the South East authorities in one topic; and the
figures of restricted releases; and each table as CSV."""

from urllib.parse import urlencode

from django.http import Http404

from .. import queries
from ..presentation import Cell, Table, band_cell, neighbour_cell, rank_cell, value_cell
from .base import (
    LICENCE,
    by_release,
    protect,
    render_protected,
    route_url,
    topic_form,
    topics_of,
)
from .grid import band_grid


def authority_context(page, request, la_number):
    reference = queries.reference()
    releases = queries.releases_for(request.user, reference)
    areas = reference.areas
    area = queries.by_number(areas, la_number)
    if area is None or not area.is_authority or releases.main is None:
        raise Http404("No such authority")
    region, england = queries.region_and_england(areas)
    authorities = queries.south_east(areas)
    measures = reference.measures
    topics = topics_of(measures)
    form, topic = topic_form(request, topics)
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
                    value_cell(row, m),
                    Cell(m.y_axis_name or "not given"),
                    Cell(row.year),
                    rank_cell(row),
                    band_cell(row),
                    neighbour_cell(row, m),
                    value_cell(region_row, m),
                    value_cell(england_row, m),
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
    rug = band_grid(
        "rug",
        f"Quartile bands of the South East authorities: {topic}",
        topics.get(topic, []),
        authorities,
        main,
        measure_url,
        csv_url=f"{base}download/rug/?" + urlencode({"topic": topic}),
        current=area,
        extra=by_release(rows, releases),
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
                            value_cell(r, by_id[r.measure_id]),
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
    return render_protected(page, request, "benchmarking/authority.html", context)


def authority_csv(page, request, la_number, table):
    context = authority_context(page, request, la_number)
    tables = {t.name: t for t in [*context["tables"], context["rug"], *context["extra_tables"]]}
    if table not in tables:
        raise Http404("No such table")
    response = tables[table].csv_response(f"{context['area'].name}-{table}")
    return protect(response, context["releases"])
