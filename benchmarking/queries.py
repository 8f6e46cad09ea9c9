"""The queries behind the benchmarking pages: a public page makes one (its values), whatever the
amount of data; the areas, measures, neighbours and releases are kept between requests."""

import re
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from .models.data import (
    ENGLAND_NUMBER,
    SOUTH_EAST,
    SOUTH_EAST_NUMBER,
    Area,
    Measure,
    Release,
    StatisticalNeighbour,
    Value,
)

# A word of a measure's text, as a misspelt search is respelt by (queries.Reference.vocabulary).
WORD = re.compile(r"[a-z0-9]{3,}")

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


@dataclass
class Reference:
    """What every page needs besides the values: the areas, measures, statistical neighbours
    and releases. It changes only when a release is loaded, so each process keeps it between
    requests (see ``reference``)."""

    areas: dict  # id -> Area
    measures: list  # in the dictionary's order, with their long texts
    neighbours: dict  # authority id -> its neighbours' ids, nearest first
    releases: list  # newest first, each with ``group_ids``

    @property
    def measures_by_slug(self):
        return {m.slug: m for m in self.measures}

    @cached_property
    def vocabulary(self):
        """Every word of three letters or more that the measures are searched by, by its first
        letter, to respell a search that finds none."""
        words = {word for m in self.measures for word in WORD.findall(m.searched_text)}
        by_initial = {}
        for word in sorted(words):
            by_initial.setdefault(word[0], []).append(word)
        return by_initial


VERSION_KEY = "benchmarking:data-version"
_kept = {}


def data_changed():
    """Say the data changed: every process reads the reference data afresh on its next page.
    The version lives in the shared cache; a cache that lost it counts as a change."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def reference():
    """The reference data of the current version, read from the database (4 queries) only
    when it changed since this process last read it."""
    version = _version()
    kept = _kept.get("reference")
    if kept is None or kept[0] != version or version is None:
        releases = list(Release.objects.order_by("-loaded_at"))
        memberships = Release.groups.through.objects.values_list("release_id", "group_id")
        group_ids = {}
        for release_id, group_id in memberships:
            group_ids.setdefault(release_id, set()).add(group_id)
        for release in releases:
            release.group_ids = group_ids.get(release.id, set())
        neighbours = {}
        for authority, neighbour in StatisticalNeighbour.objects.values_list(
            "authority_id", "neighbour_id"
        ):
            neighbours.setdefault(authority, []).append(neighbour)
        kept = (
            version,
            Reference(
                areas={area.id: area for area in Area.objects.all()},
                measures=list(Measure.objects.all()),
                neighbours=neighbours,
                releases=releases,
            ),
        )
        _kept["reference"] = kept
    return kept[1]


def releases_for(user, reference):
    """The releases this user may see (Release.objects.visible_to, worked out on the kept
    releases: one query for a logged-in user's groups, none for anyone else)."""
    today = timezone.localdate()
    if user is not None and user.is_active and user.is_superuser:
        visible = reference.releases
    else:
        groups = set()
        if user is not None and user.is_authenticated and user.is_active:
            groups = set(user.groups.values_list("id", flat=True))
        visible = [r for r in reference.releases if r.is_public(today) or r.group_ids & groups]
    main = next((r for r in visible if not r.restricted), None)
    extra = [r for r in visible if r.restricted]
    return Releases(main, extra, any(not r.is_public(today) for r in extra))


def south_east(all_areas):
    """The 19 South East authorities, by name."""
    return sorted(
        (a for a in all_areas.values() if a.is_authority and a.region == SOUTH_EAST),
        key=lambda a: a.name,
    )


def by_number(all_areas, number):
    return next((a for a in all_areas.values() if a.la_number == number), None)


def region_and_england(all_areas):
    """The South East and England, in that order (None for one the data lacks)."""
    return by_number(all_areas, SOUTH_EAST_NUMBER), by_number(all_areas, ENGLAND_NUMBER)


def measure_values(releases, measure, area_ids=None):
    """Every value of the measure in the visible releases (optionally for some areas only)."""
    ids = [r.id for r in [releases.main, *releases.extra] if r is not None]
    queryset = Value.objects.filter(release_id__in=ids, measure=measure)
    if area_ids is not None:
        queryset = queryset.filter(area_id__in=area_ids)
    return rows(queryset.order_by("year_start", "year"))


def latest_values(releases, area_ids, measure_ids=None, every_measure_of=()):
    """The latest year's values in the visible releases for these areas (of these measures only,
    when given), and of every measure for the areas in ``every_measure_of``."""
    ids = [r.id for r in [releases.main, *releases.extra] if r is not None]
    wanted = Q(area_id__in=area_ids)
    if measure_ids is not None:
        wanted &= Q(measure_id__in=measure_ids)
    if every_measure_of:
        wanted |= Q(area_id__in=every_measure_of)
    return rows(Value.objects.filter(wanted, release_id__in=ids, latest=True))
