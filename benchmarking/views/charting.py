"""What the charts of a measure and of a comparison share: the lines of a trend, one for each
area and restricted release; the totals a chart leaves out (the South East and England where
their figures add up their authorities'), with the words saying so; and a trend in words."""

from .. import charts, queries
from ..presentation import figure, status_text
from .base import restricted_label


def emphasis(area):
    """How an area's line or bar stands out on a chart: an authority's not at all, the South
    East's and England's by their kind."""
    return "" if area.is_authority else area.kind


def area_lines(public, extra, areas):
    """The lines of a trend, one per area, then one per area and restricted release with a figure
    for it, each as (label, {year: row}, emphasis); and the years with a figure on any line."""
    lines = [
        (
            a.name,
            {r.year: r for r in public if r.area_id == a.id},
            emphasis(a),
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


def series_of(lines, years, measure):
    return [
        charts.Series(name, [point(by_year.get(y), measure) for y in years], emphasis)
        for name, by_year, emphasis in lines
    ]


def point(row, measure):
    if row is None or row.value is None:
        return (None, status_text(row.status if row else ""))
    return (row.value, figure(row.value, measure))


# The South East's figure is a total of its authorities' (a count) rather than a rate or an
# average (never above its largest authority's) when it is over this many times the largest.
TOTAL_OVER = 2


def total_areas(rows, areas):
    """The South East and England where their figures of the measure are totals of their
    authorities' (children looked after in 2025: the South East 11,050, England 81,770, Kent
    the largest authority with 1,896): drawn beside the authorities, every authority's bar or
    line would be a sliver. Judged from ``rows``, the public figures, in their latest year."""
    latest = {r.area_id: r.value for r in rows if r.latest and r.value is not None}
    region, england = queries.region_and_england(areas)
    largest = max(
        (abs(latest[a.id]) for a in queries.south_east(areas) if a.id in latest), default=0
    )
    if region is None or not largest or abs(latest.get(region.id, 0)) <= TOTAL_OVER * largest:
        return []
    return [area for area in (region, england) if area]


def leaving_off(totals, charted):
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


def drawn_lines(series, totals, charted, releases):
    """The lines of a chart of ``charted`` areas less those of the totals it leaves out
    (restricted releases' too), and its words saying so."""
    left_off, words = leaving_off(totals, charted)
    names = {area.name for area in left_off} | {
        restricted_label(area.name, release) for area in left_off for release in releases.extra
    }
    return [line for line in series if line.name not in names], words


def joined(*sentences):
    return " ".join(sentence for sentence in sentences if sentence)


def trend_summary(measure, years, series):
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
