"""Benchmarking fixtures: small releases cut from the DfE's file bundled in the repository."""

import csv
import functools
import gzip
import io
import statistics

import pytest

from benchmarking import importer
from benchmarking.factories import BenchmarkingIndexPageFactory

# Children looked after with 3 or more placements (lower is better), in long-term stable
# placements (higher is better), good development at 5 (no quartiles), unaccompanied asylum
# seekers (neither better).
MEASURES = ["LACStable_2016on", "LAC_LongStable%", "LAC_Good_Develop", "Unacc_Asylmn_Seek_Childn%"]
HEADER = ["Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region"]


def source_rows(codes=tuple(MEASURES)):
    """The rows of the bundled values file for these measures, as published (each call has its
    own copies, which a test may change)."""
    read = tuple(MEASURES) if set(codes) <= set(MEASURES) else tuple(codes)
    return [dict(row) for row in _published_rows(read) if row["Short Desc"] in codes]


@functools.cache
def _published_rows(codes):
    """Read once a process: the file holds 641,070 rows, and most tests load the same four."""
    with gzip.open(importer.BUNDLED["values"], "rt", encoding="utf-8-sig", newline="") as file:
        return tuple(row for row in csv.DictReader(file) if row["Short Desc"] in codes)


def source_neighbours():
    """LA number -> its neighbours' LA numbers, from the bundled CSV."""
    with gzip.open(importer.BUNDLED["neighbours"], "rt", encoding="utf-8", newline="") as file:
        result = {}
        for row in csv.DictReader(file):
            result.setdefault(int(row["la_number"]), []).append(int(row["neighbour_la_number"]))
        return result


def values_file(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def quarter_values_file():
    """A quarter's figures for two authorities, as a restricted release would bring them: Kent
    14.6 and Surrey 30.2 children looked after per 10,000 in 2026 Q2."""
    return values_file(
        [
            {
                "Short Desc": "LACStable_2016on",
                "Years": "2026 Q2",
                "LA and Regions": name,
                "Values": value,
                "LA Number": number,
                "Region": "South East",
            }
            for name, number, value in (("Kent", "886", "14.6"), ("Surrey", "936", "30.2"))
        ]
    )


def subset_files(rows=None):
    files = importer.bundled_files()
    files["values"] = values_file(source_rows() if rows is None else rows)
    return files


@pytest.fixture
def loaded(db):
    """The four measures' values loaded as the public release."""
    return importer.load(subset_files(), release_name="LAIT test")


@pytest.fixture
def benchmarking_page(home_page, loaded):
    return BenchmarkingIndexPageFactory(parent=home_page)


def source_band(code, la_number, high):
    """The authority's quartile band A–D in the measure's latest year, worked out from the
    bundled file: quartiles of every English authority's value, interpolated linearly."""
    rows = [r for r in source_rows([code]) if r["Values"] not in ("-", "")]
    year = max(rows, key=lambda r: int(r["Years"][:4]))["Years"]
    values = {int(float(r["LA Number"])): float(r["Values"]) for r in rows if r["Years"] == year}
    authorities = [v for n, v in values.items() if n < 970]
    q1, q2, q3 = statistics.quantiles(authorities, n=4, method="inclusive")
    value = values[la_number]
    if high:
        return "A" if value >= q3 else "B" if value >= q2 else "C" if value >= q1 else "D"
    return "A" if value <= q1 else "B" if value <= q2 else "C" if value <= q3 else "D"
