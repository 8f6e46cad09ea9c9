"""The queries behind the benchmarking pages: each page makes a fixed number of them, whatever
the amount of data."""

from dataclasses import dataclass

from django.utils import timezone

from .models.data import (
    ENGLAND_NUMBER,
    SOUTH_EAST,
    SOUTH_EAST_NUMBER,
    Area,
    AreaKind,
    Measure,
    Release,
    StatisticalNeighbour,
    Value,
)

ROW_FIELDS = (
    "area_id",
    "year",
    "year_start",
    "value",
    "status",
    "rank",
    "ranked_out_of",
    "band",
    "change",
    "neighbour_average",
    "latest",
    "measure_id",
    "release_id",
)


@dataclass
class Row:
    """One value with its comparisons (see Value)."""

    area_id: int
    year: str
    year_start: int
    value: object
    status: str
    rank: int | None
    ranked_out_of: int | None
    band: str
    change: object
    neighbour_average: object
    latest: bool
    measure_id: int
    release_id: int


def rows(queryset):
    return [Row(*values) for values in queryset.values_list(*ROW_FIELDS)]


@dataclass
class Releases:
    """The public series (the latest public release) and the other releases this visitor may
    see beside it; ``private`` when any of those is not public yet."""

    main: Release | None
    extra: list
    private: bool


def releases_for(user):
    today = timezone.localdate()
    visible = list(Release.objects.visible_to(user, today).order_by("-loaded_at"))
    main = next((r for r in visible if not r.restricted), None)
    extra = [r for r in visible if r.restricted]
    return Releases(main, extra, any(not r.is_public(today) for r in extra))


def areas():
    """Every area by id (170 rows, one query)."""
    return {area.id: area for area in Area.objects.all()}


def south_east(all_areas):
    """The 19 South East authorities, by name."""
    return sorted(
        (a for a in all_areas.values() if a.kind == AreaKind.AUTHORITY and a.region == SOUTH_EAST),
        key=lambda a: a.name,
    )


def by_number(all_areas, number):
    return next((a for a in all_areas.values() if a.la_number == number), None)


def england_and_region(all_areas):
    return by_number(all_areas, SOUTH_EAST_NUMBER), by_number(all_areas, ENGLAND_NUMBER)


def neighbours_of(area_ids):
    """Authority id -> its neighbours' ids, nearest first."""
    result = {}
    for authority, neighbour in StatisticalNeighbour.objects.filter(
        authority_id__in=area_ids
    ).values_list("authority_id", "neighbour_id"):
        result.setdefault(authority, []).append(neighbour)
    return result


def measure_values(releases, measure, area_ids=None):
    """Every value of the measure in the visible releases (optionally for some areas only)."""
    ids = [r.id for r in [releases.main, *releases.extra] if r is not None]
    queryset = Value.objects.filter(release_id__in=ids, measure=measure)
    if area_ids is not None:
        queryset = queryset.filter(area_id__in=area_ids)
    return rows(queryset.order_by("year_start", "year"))


def latest_values(releases, area_ids):
    """The latest year's values of every measure for these areas, in the visible releases."""
    ids = [r.id for r in [releases.main, *releases.extra] if r is not None]
    return rows(Value.objects.filter(release_id__in=ids, area_id__in=area_ids, latest=True))


LONG_TEXTS = ("description", "methodology", "hyperlinks")


def measures(details=False):
    """Every measure; without ``details`` their long texts are left in the database."""
    queryset = Measure.objects.all()
    return list(queryset if details else queryset.defer(*LONG_TEXTS))


def measure(slug):
    return Measure.objects.filter(slug=slug).first()
