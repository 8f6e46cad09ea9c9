"""Loading a release of benchmarking data from files in the DfE's formats.

One function, ``load``, serves ``manage.py import_benchmarking`` and the admin upload. It checks
every row of every file first (``lait_files``) and refuses the whole load if any is bad
(``line N: …`` for each); then it writes everything in one transaction: a new release's values
are copied straight into their table (PostgreSQL COPY), a changed one's into a temporary table
and merged with set-based SQL; a large load builds the table's indexes afresh afterwards.
Loading the same files again changes nothing and says so. The comparisons of
``benchmarking.stats`` are worked out again for every value after a change, and stored with the
values.
"""

import datetime
import gzip
import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from core import page_cache

from . import queries, stats
from .lait_files import (
    FILE_LABELS,
    parse_areas,
    parse_measures,
    parse_neighbours,
    parse_values,
    read_text,
)
from .models.data import (
    Area,
    Measure,
    Release,
    StatisticalNeighbour,
    Value,
    area_kind,
    measure_slug,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_RELEASE = "LAIT April 2026"
BUNDLED = {
    "values": DATA_DIR / "values_long.csv.gz",
    "measures": DATA_DIR / "measures.csv.gz",
    "neighbours": DATA_DIR / "statistical_neighbours_2025.csv.gz",
    "areas": DATA_DIR / "la_codes.csv",
}
# What every release shares: a restricted release may not change what everyone sees.
SHARED_ROLES = ("measures", "neighbours", "areas")
SHARED_FILE_REFUSED = (
    "a restricted release holds values only: measures, neighbours and authority codes are "
    "shared by every release, so load them with a public one"
)


class ImportRefused(Exception):
    """The files hold bad rows (or none at all): nothing was loaded."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(f"{label}: {line}" for label, line in errors))


@dataclass
class Report:
    release: str
    unchanged: bool = False
    new_values: int = 0
    changed_values: int = 0
    removed_values: int = 0
    new_measures: list = field(default_factory=list)
    changed_measures: int = 0
    new_areas: int = 0
    neighbours_changed: bool = False
    notes: list = field(default_factory=list)
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)

    def lap(self, step, since):
        """Record how long a step took since ``since``; returns the time now."""
        now = time.perf_counter()
        self.timings[step] = now - since
        return now

    def lines(self):
        if self.unchanged:
            return [
                f"Release “{self.release}” already holds these files: nothing changed "
                f"({self.seconds:.1f} s)."
            ]
        lines = [
            f"Release “{self.release}” loaded in {self.seconds:.1f} s: "
            f"{self.new_values:,} new values, {self.changed_values:,} changed, "
            f"{self.removed_values:,} removed.",
            f"{len(self.new_measures)} new measures, {self.changed_measures} changed; "
            f"{self.new_areas} new areas; statistical neighbours "
            f"{'changed' if self.neighbours_changed else 'unchanged'}.",
        ]
        if self.new_measures:
            lines.append("New measures: " + ", ".join(self.new_measures[:20]))
        return lines + self.notes


# --- loading -------------------------------------------------------------------------------------


def checksum(files, options):
    digest = hashlib.sha256(repr(sorted(options.items())).encode())
    for role in sorted(files):
        digest.update(role.encode())
        digest.update(hashlib.sha256(files[role]).digest())
    return digest.hexdigest()


def bundled_files():
    return {role: path.read_bytes() for role, path in BUNDLED.items()}


def load(files, release_name=DEFAULT_RELEASE, restricted=False, groups=(), embargo_date=None):
    """Load ``files`` (role -> bytes; roles: values, measures, neighbours, areas) as the release
    ``release_name``. Returns a Report; raises ImportRefused with every bad row."""
    started = time.perf_counter()
    group_names = sorted(g.name for g in groups)
    options = {
        "restricted": restricted,
        "groups": group_names,
        "embargo": str(embargo_date or ""),
    }
    digest = checksum(files, options)
    report = Report(release=release_name)
    existing = Release.objects.filter(name=release_name).first()
    if existing is not None and existing.checksum == digest:
        report.unchanged = True
        report.seconds = time.perf_counter() - started
        return report

    errors = []
    if restricted and not groups:
        errors.append(("release", "a restricted release needs at least one group"))
    if existing is not None and existing.restricted and not restricted and not existing.is_public():
        errors.append(
            (
                "release",
                f"“{release_name}” is restricted until its embargo date: load it as restricted, "
                "or under another name",
            )
        )
    if existing is not None and not existing.restricted and restricted:
        errors.append(
            ("release", f"“{release_name}” is public: load a restricted release under another name")
        )
    if restricted:
        errors.extend(
            (FILE_LABELS[role], SHARED_FILE_REFUSED) for role in SHARED_ROLES if role in files
        )
    texts = {}
    for role, data in files.items():
        try:
            texts[role] = read_text(data)
        except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile):
            errors.append((FILE_LABELS[role], "line 1: not a CSV file in UTF-8 (or gzipped)"))
    measures = (
        parse_measures(texts["measures"], errors, report.notes) if "measures" in texts else {}
    )
    known = set(measures) | set(Measure.objects.values_list("code", flat=True))
    area_names = parse_areas(texts["areas"], errors) if "areas" in texts else {}
    neighbours = parse_neighbours(texts["neighbours"], errors) if "neighbours" in texts else None
    values = None
    if "values" in texts:
        values, value_areas = parse_values(texts["values"], known, errors)
        for number, details in value_areas.items():
            area_names.setdefault(number, details)
        if restricted:
            errors.extend(_unknown_areas(value_areas))
        if not values and not errors:
            errors.append((FILE_LABELS["values"], "line 2: the file holds no values"))
    if neighbours:
        known_areas = set(area_names) | set(Area.objects.values_list("la_number", flat=True))
        for (number, rank), (neighbour, _) in neighbours.items():
            for n in (number, neighbour):
                if n not in known_areas:
                    errors.append(
                        (FILE_LABELS["neighbours"], f"authority {n} (rank {rank}) is unknown")
                    )
    if errors:
        raise ImportRefused(errors)
    lap = report.lap("reading and checking the files", started)

    with transaction.atomic():
        # Pages read the reference data afresh now and again once the new data is committed.
        queries.data_changed()
        transaction.on_commit(queries.data_changed)
        release, created = Release.objects.select_for_update().get_or_create(
            name=release_name,
            defaults={"restricted": restricted, "embargo_date": embargo_date},
        )
        release.restricted = restricted
        release.embargo_date = embargo_date
        release.checksum = digest
        release.loaded_at = timezone.now()
        release.save()
        release.groups.set(groups)
        context_changed = _save_measures(measures, report)
        if not restricted:  # a restricted release's authorities are all known: see load's checks
            _save_areas(area_names, report)
        if neighbours is not None:
            context_changed |= _save_neighbours(neighbours, report)
        lap = report.lap("measures, areas and neighbours", lap)
        if values is not None:
            _save_values(release, values, report)
        lap = report.lap("values and their comparisons", lap)
        others = Release.objects.all() if context_changed else Release.objects.none()
        if values is not None:
            others = others.exclude(pk=release.pk)
        for release_id in others.values_list("id", flat=True):
            compute_stats(release_id)
        _set_display_dps()
        lap = report.lap("other releases' comparisons and decimal places", lap)
        # Pages showing the figures are rendered afresh once the new ones are committed.
        transaction.on_commit(page_cache.invalidate)
    report.seconds = time.perf_counter() - started
    return report


def _unknown_areas(value_areas):
    """For a restricted release: the authorities of its values that the public data does not
    have (a restricted release adds none: everyone sees the list of authorities)."""
    public = set(Area.objects.values_list("la_number", flat=True))
    return [
        (
            FILE_LABELS["values"],
            f"{name} ({number}) is not one of the authorities of the public data: load it "
            "with a public release first",
        )
        for number, (name, _) in sorted(value_areas.items())
        if number not in public
    ]


def _save_measures(parsed, report):
    existing = {m.code: m for m in Measure.objects.all()}
    slugs = {m.slug.lower() for m in existing.values()}
    new, changed = [], []
    for code, values in parsed.items():
        measure = existing.get(code)
        if measure is None:
            slug = measure_slug(code)
            while slug.lower() in slugs:
                slug += "-2"
            slugs.add(slug.lower())
            new.append(Measure(code=code, slug=slug, **values))
            report.new_measures.append(code)
        elif any(getattr(measure, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(measure, name, value)
            changed.append(measure)
    Measure.objects.bulk_create(new)
    if changed:
        Measure.objects.bulk_update(changed, list(next(iter(parsed.values())).keys()))
    report.changed_measures = len(changed)
    return bool(new or changed)


def _save_areas(parsed, report):
    existing = {a.la_number: a for a in Area.objects.all()}
    new, changed = [], []
    for number, (name, region) in parsed.items():
        area = existing.get(number)
        if area is None:
            new.append(Area(la_number=number, name=name, region=region, kind=area_kind(number)))
        elif (area.name, area.region) != (name, region):
            area.name, area.region = name, region
            changed.append(area)
    Area.objects.bulk_create(new)
    Area.objects.bulk_update(changed, ["name", "region"])
    report.new_areas = len(new)


def _save_neighbours(parsed, report):
    ids = dict(Area.objects.values_list("la_number", "id"))
    wanted = {
        (ids[number], rank, ids[neighbour], closeness)
        for (number, rank), (neighbour, closeness) in parsed.items()
    }
    current = set(
        StatisticalNeighbour.objects.values_list(
            "authority_id", "rank", "neighbour_id", "closeness"
        )
    )
    if wanted == current:
        return False
    StatisticalNeighbour.objects.all().delete()
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(authority_id=a, rank=r, neighbour_id=n, closeness=c)
        for a, r, n, c in sorted(wanted)
    )
    report.neighbours_changed = True
    return True


# From this many incoming values, the value table's indexes are built afresh after the load.
BULK_ROWS = 50_000
STAT_COLUMNS = "rank, ranked_out_of, band, change, neighbour_average, latest"
STAT_TYPES = (
    "rank int, ranked_out_of int, band text, change numeric(28, 10), "
    "neighbour_average numeric(28, 10), latest boolean"
)


COPY_COLUMNS = f"measure_id, area_id, year, year_start, value, status, {STAT_COLUMNS}"


def _save_values(release, rows, report):
    measure_ids = dict(Measure.objects.values_list("code", "id"))
    area_ids = dict(Area.objects.values_list("la_number", "id"))
    keyed = [
        (None, measure_ids[code], area_ids[number], year, start, value, status)
        for code, number, year, start, value, status in rows
    ]
    lap = time.perf_counter()
    figures = list(stat_rows(keyed))  # its queries must run before the COPY starts
    lap = report.lap("working out ranks, bands, changes and averages", lap)
    incoming = ((*row[1:], *row_figures) for row, row_figures in zip(keyed, figures, strict=True))
    table = Value._meta.db_table
    fresh = not Value.objects.filter(release=release).exists()
    with connection.cursor() as cursor:
        rebuild = _drop_secondary_indexes(cursor, table) if len(keyed) >= BULK_ROWS else []
        if fresh:  # nothing to compare with: straight into the table
            with cursor.cursor.copy(
                f"COPY {table} (release_id, {COPY_COLUMNS}) FROM STDIN"
            ) as copy:
                for row in incoming:
                    copy.write_row((release.pk, *row))
            report.new_values = len(keyed)
            lap = report.lap("copying the values", lap)
        else:
            lap = _merge_values(cursor, release, incoming, report, lap)
        for statement in rebuild:
            cursor.execute(statement)
        if rebuild:
            report.lap("building the indexes and checking the references", lap)
    return bool(report.new_values or report.changed_values or report.removed_values)


def _merge_values(cursor, release, incoming, report, lap):
    """Copy the values into a temporary table, count what is new, changed and gone, and merge
    them into the release's values."""
    table = Value._meta.db_table
    cursor.execute(
        "CREATE TEMP TABLE bm_incoming (measure_id bigint, area_id bigint, year text, "
        f"year_start int, value numeric(28, 10), status text, {STAT_TYPES}) ON COMMIT DROP"
    )
    with cursor.cursor.copy(f"COPY bm_incoming ({COPY_COLUMNS}) FROM STDIN") as copy:
        for row in incoming:
            copy.write_row(row)
    cursor.execute("CREATE INDEX ON bm_incoming (measure_id, area_id, year)")
    cursor.execute("ANALYZE bm_incoming")
    lap = report.lap("copying into a temporary table", lap)
    match = "v.measure_id = i.measure_id AND v.area_id = i.area_id AND v.year = i.year"
    cursor.execute(
        f"SELECT count(*) FILTER (WHERE v.id IS NULL), "  # noqa: S608
        f"count(*) FILTER (WHERE v.id IS NOT NULL AND (v.value, v.status, v.year_start) "
        f"IS DISTINCT FROM (i.value, i.status, i.year_start)) "
        f"FROM bm_incoming i LEFT JOIN {table} v ON v.release_id = %s AND {match}",
        [release.pk],
    )
    report.new_values, report.changed_values = cursor.fetchone()
    cursor.execute(
        f"DELETE FROM {table} v WHERE v.release_id = %s AND NOT EXISTS "  # noqa: S608
        f"(SELECT 1 FROM bm_incoming i WHERE {match})",
        [release.pk],
    )
    report.removed_values = cursor.rowcount
    lap = report.lap("counting and removing", lap)
    columns = f"year_start, value, status, {STAT_COLUMNS}"
    updates = _each("{0} = EXCLUDED.{0}", columns)
    mine = _each(table + ".{0}", columns)
    theirs = _each("EXCLUDED.{0}", columns)
    cursor.execute(
        f"INSERT INTO {table} (release_id, measure_id, area_id, year, {columns}) "  # noqa: S608
        f"SELECT %s, measure_id, area_id, year, {columns} FROM bm_incoming "
        "ON CONFLICT (release_id, measure_id, area_id, year) "
        f"DO UPDATE SET {updates} WHERE ({mine}) IS DISTINCT FROM ({theirs})",
        [release.pk],
    )
    cursor.execute("DROP TABLE bm_incoming")
    return report.lap("inserting and updating", lap)


def _drop_secondary_indexes(cursor, table):
    """Drop the table's indexes and foreign keys other than its primary key and unique
    constraint; return the statements that make them again.

    PostgreSQL's advice for a large load ("Populating a Database"): an index built once over
    all the rows is far quicker than one updated row by row, and a foreign key added after the
    load is checked by one join instead of a trigger per row at commit. All of it happens inside
    the load's transaction, so a failed load leaves them as they were; readers of the table wait
    for the load to commit.
    """
    cursor.execute(
        "SELECT quote_ident(i.relname), pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        [table],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    foreign_keys = cursor.fetchall()
    for name, _ in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes] + [
        f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"
        for name, definition in foreign_keys
    ]


def _set_display_dps():
    """Measures without dps in the dictionary show the fewest decimal places (at most 2) that
    show every value published for them in releases that are not restricted: a restricted
    release changes nothing that everyone else sees."""
    measures = Measure._meta.db_table
    values = Value._meta.db_table
    releases = Release._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {measures} m SET display_dps = COALESCE(m.dps, s.places, 1) "  # noqa: S608
            f"FROM (SELECT m2.id, (SELECT max(scale(trim_scale(round(v.value, 2)))) "
            f"FROM {values} v WHERE v.measure_id = m2.id AND v.value IS NOT NULL "
            f"AND v.release_id IN (SELECT id FROM {releases} WHERE NOT restricted)) AS places "
            f"FROM {measures} m2) s WHERE s.id = m.id "
            "AND m.display_dps IS DISTINCT FROM COALESCE(m.dps, s.places, 1)"
        )


def stat_rows(rows):
    """The comparisons for each row (key, measure id, area id, year, year start, value, …) of
    one release, in the same order: (rank, ranked out of, band, change, neighbour average,
    latest)."""
    measures = {
        m.id: (m.polarity, m.no_quartile) for m in Measure.objects.only("polarity", "no_quartile")
    }
    authorities = set(Area.objects.authorities().values_list("id", flat=True))
    neighbours = defaultdict(list)
    for authority, neighbour in StatisticalNeighbour.objects.values_list(
        "authority_id", "neighbour_id"
    ):
        neighbours[authority].append(neighbour)
    present = defaultdict(dict)  # (measure, year) -> {area: value}
    year_of = {}  # (measure, year start) -> year
    latest_start = {}
    for _, measure_id, area_id, year, start, value, *_ in rows:
        year_of[(measure_id, start)] = year
        if value is not None:
            present[(measure_id, year)][area_id] = value
            latest_start[measure_id] = max(latest_start.get(measure_id, start), start)
    figures = {}
    for (measure_id, year), values in present.items():
        polarity, no_quartile = measures[measure_id]
        authority_values = {a: v for a, v in values.items() if a in authorities}
        bounds = None if no_quartile else stats.quartiles(authority_values.values())
        figures[(measure_id, year)] = (stats.ranks(authority_values, polarity), bounds, polarity)
    for _, measure_id, area_id, year, start, value, *_ in rows:
        ranks, bounds, polarity = figures.get((measure_id, year), ({}, None, ""))
        previous = present.get((measure_id, year_of.get((measure_id, start - 1))), {})
        is_authority = area_id in authorities
        area_neighbours = neighbours.get(area_id) if is_authority else None
        yield (
            ranks.get(area_id) if is_authority else None,
            len(ranks) if ranks and area_id in ranks else None,
            stats.band(value, bounds, polarity) if is_authority else "",
            stats.change(value, previous.get(area_id)),
            stats.neighbour_average(area_neighbours, present[(measure_id, year)])
            if area_neighbours
            else None,
            latest_start.get(measure_id) == start,
        )


def compute_stats(release_id):
    """Work out the comparisons again for every value of a release (after its measures or the
    statistical neighbours changed), and store those that differ."""
    table = Value._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, measure_id, area_id, year, year_start, value "  # noqa: S608
            f"FROM {table} WHERE release_id = %s",
            [release_id],
        )
        rows = cursor.fetchall()
        figures = list(stat_rows(rows))
        cursor.execute(f"CREATE TEMP TABLE bm_stats (id bigint, {STAT_TYPES}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY bm_stats (id, {STAT_COLUMNS}) FROM STDIN") as copy:
            for row, row_figures in zip(rows, figures, strict=True):
                copy.write_row((row[0], *row_figures))
        mine = _each("v.{0}", STAT_COLUMNS)
        theirs = _each("s.{0}", STAT_COLUMNS)
        updates = _each("{0} = s.{0}", STAT_COLUMNS)
        cursor.execute(
            f"UPDATE {table} v SET {updates} FROM bm_stats s "  # noqa: S608
            f"WHERE v.id = s.id AND ({mine}) IS DISTINCT FROM ({theirs})"
        )
        cursor.execute("DROP TABLE bm_stats")


def _each(template, columns):
    """``template`` filled in with each of a comma-separated list of columns, comma-separated:
    ``_each("v.{0}", "a, b")`` is ``"v.a, v.b"``."""
    return ", ".join(template.format(column) for column in columns.split(", "))


def parse_embargo(text):
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
