"""The grid ("tartan rug"): the quartile bands of the South East authorities in one topic, as a
page and as CSV."""

from urllib.parse import urlencode

from django.http import Http404

from .. import queries
from ..presentation import Cell, Table, figure, status_text
from .base import (
    LICENCE,
    by_release,
    protect,
    render_protected,
    restricted_label,
    route_url,
    topic_form,
    topics_of,
)


def band_grid(
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
    topics = topics_of(reference.measures)
    form, topic = topic_form(request, topics)
    authorities = queries.south_east(reference.areas)
    rows = queries.latest_values(
        releases, [a.id for a in authorities], [m.id for m in topics.get(topic, [])]
    )
    table = band_grid(
        "grid",
        f"Quartile bands of the South East authorities: {topic}",
        topics.get(topic, []),
        authorities,
        {(r.measure_id, r.area_id): r for r in rows if r.release_id == releases.main.id},
        route_url(page, "measure", "m"),
        csv_url=page.url + page.reverse_subpage("grid_csv") + "?" + urlencode({"topic": topic}),
        extra=by_release(rows, releases),
    )
    return {"releases": releases, "form": form, "topic": topic, "table": table, "licence": LICENCE}


def grid(page, request):
    context = grid_context(page, request)
    return render_protected(page, request, "benchmarking/grid.html", context)


def grid_csv(page, request):
    context = grid_context(page, request)
    return protect(context["table"].csv_response(f"grid-{context['topic']}"), context["releases"])
