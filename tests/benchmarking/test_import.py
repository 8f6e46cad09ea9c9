"""Loading releases: figures as in the source file, atomic, idempotent, every bad row named."""

import statistics
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from benchmarking import importer
from benchmarking.models import Area, Measure, Release, StatisticalNeighbour, Value
from benchmarking.models.data import excel_date

from .conftest import source_neighbours, source_rows, subset_files, values_file

KENT = 886


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _source_year(code, year):
    """LA number -> value (None when missing) of the source file's rows for a measure/year."""
    return {
        int(float(r["LA Number"])): _number(r["Values"])
        for r in source_rows([code])
        if r["Years"] == year
    }


def _latest_year(code):
    rows = [r for r in source_rows([code]) if _number(r["Values"]) is not None]
    return max(rows, key=lambda r: int(r["Years"][:4]))["Years"]


@pytest.mark.parametrize("code", ["LACStable_2016on", "LAC_LongStable%"])
def test_rank_band_and_neighbour_average_match_the_source(loaded, code):
    year = _latest_year(code)
    values = _source_year(code, year)
    authorities = {n: v for n, v in values.items() if n < 970 and v is not None}
    kent = authorities[KENT]
    high = code == "LAC_LongStable%"  # the dictionary: High; LACStable_2016on: Low
    better = [v for v in authorities.values() if (v > kent if high else v < kent)]
    q1, q2, q3 = statistics.quantiles(authorities.values(), n=4, method="inclusive")
    if high:
        band = "A" if kent >= q3 else "B" if kent >= q2 else "C" if kent >= q1 else "D"
    else:
        band = "A" if kent <= q1 else "B" if kent <= q2 else "C" if kent <= q3 else "D"
    neighbours = [values.get(n) for n in source_neighbours()[KENT]]
    present = [v for v in neighbours if v is not None]

    value = Value.objects.get(measure__code=code, area__la_number=KENT, year=year)
    assert float(value.value) == pytest.approx(kent)
    assert value.rank == len(better) + 1
    assert value.ranked_out_of == len(authorities)
    assert value.band == band
    assert float(value.neighbour_average) == pytest.approx(sum(present) / len(present))
    assert value.latest


def test_change_since_previous_year_matches_the_source(loaded):
    code = "LACStable_2016on"
    year = _latest_year(code)
    previous = str(int(year[:4]) - 1)
    rows = {r["Years"]: r for r in source_rows([code]) if int(float(r["LA Number"])) == KENT}
    previous_label = next(label for label in rows if label.startswith(previous))
    expected = float(rows[year]["Values"]) - float(rows[previous_label]["Values"])
    value = Value.objects.get(measure__code=code, area__la_number=KENT, year=year)
    assert float(value.change) == pytest.approx(expected)


def test_no_rank_or_band_where_the_dictionary_says_so(loaded):
    # Unacc_Asylmn_Seek_Childn%: polarity "-" (neither); LAC_Good_Develop: No_Quartile set.
    neither = Value.objects.filter(measure__code="Unacc_Asylmn_Seek_Childn%", value__isnull=False)
    assert neither.exists()
    assert not neither.filter(rank__isnull=False).exists()
    assert not neither.exclude(band="").exists()
    no_quartile = Value.objects.filter(measure__code="LAC_Good_Develop", value__isnull=False)
    assert no_quartile.filter(area__kind="authority", rank__isnull=False).exists()
    assert not no_quartile.exclude(band="").exists()


def test_everything_is_loaded_as_published(loaded):
    rows = source_rows()
    assert Value.objects.count() == len(rows)
    missing = sum(1 for r in rows if r["Values"] == "-")
    assert Value.objects.filter(value__isnull=True, status="missing").count() == missing
    assert Measure.objects.count() == 434
    assert StatisticalNeighbour.objects.count() == 1530
    assert Area.objects.get(la_number=989).kind == "region"
    assert Area.objects.get(la_number=970).kind == "england"
    assert Area.objects.filter(kind="authority", region="South East").count() == 19
    assert Measure.objects.get(code="LACStable_2016on").polarity == "low"
    assert loaded.new_values == len(rows)


def test_excel_day_serials_become_dates():
    assert str(excel_date("45809")) == "2025-06-01"
    assert excel_date("TBC") is None


def test_loading_the_same_files_again_changes_nothing(loaded):
    before = list(Value.objects.order_by("id").values_list("id", "value", "rank", "band"))
    again = importer.load(subset_files(), release_name="LAIT test")
    assert again.unchanged
    assert "nothing changed" in again.lines()[0]
    # The same content in other bytes (Windows line ends): compared value by value.
    files = subset_files()
    files["values"] = files["values"].replace(b"\n", b"\r\n")
    third = importer.load(files, release_name="LAIT test")
    assert not third.unchanged
    assert (third.new_values, third.changed_values, third.removed_values) == (0, 0, 0)
    assert third.new_measures == []
    after = list(Value.objects.order_by("id").values_list("id", "value", "rank", "band"))
    assert after == before


def test_a_new_release_reports_changed_and_removed_values(loaded):
    rows = source_rows()
    kent_row = next(
        r
        for r in rows
        if r["Short Desc"] == "LACStable_2016on"
        and r["LA Number"] == "886.0"
        and r["Values"] != "-"
    )
    kent_row["Values"] = "99.5"
    removed = rows.pop()
    report = importer.load(subset_files(rows), release_name="LAIT test")
    assert (report.new_values, report.changed_values, report.removed_values) == (0, 1, 1)
    value = Value.objects.get(
        measure__code="LACStable_2016on", area__la_number=886, year=kent_row["Years"]
    )
    assert value.value == Decimal("99.5")
    assert (
        value.rank
        == sum(
            1
            for r in rows
            if r["Short Desc"] == "LACStable_2016on"
            and r["Years"] == kent_row["Years"]
            and float(r["LA Number"]) < 970
            and _number(r["Values"]) is not None
            and float(r["Values"]) < 99.5
        )
        + 1
    )  # lower is better
    assert not Value.objects.filter(
        measure__code=removed["Short Desc"],
        year=removed["Years"],
        area__la_number=int(float(removed["LA Number"])),
    ).exists()


def test_float_noise_is_removed_and_status_tokens_are_kept(db):
    rows = [
        {
            "Short Desc": "LAC_LongStable%",
            "Years": "2025",
            "LA and Regions": "Kent",
            "Values": "9.3699999999999992",
            "LA Number": "886.0",
            "Region": "South East",
        },
    ] + [
        {
            "Short Desc": "LAC_LongStable%",
            "Years": "2025",
            "LA and Regions": name,
            "Values": token,
            "LA Number": number,
            "Region": "South East",
        }
        for name, number, token in [
            ("Medway", "887", "c"),
            ("Surrey", "936", "x"),
            ("Slough", "871", "z"),
            ("Reading", "870", "low"),
            ("Bracknell Forest", "867", "."),
            ("Brighton and Hove", "846", "-"),
        ]
    ]
    importer.load(subset_files(rows), release_name="Tokens")
    kent = Value.objects.get(area__la_number=886)
    assert kent.value == Decimal("9.37")
    statuses = dict(Value.objects.values_list("area__la_number", "status"))
    assert statuses == {
        886: "",
        887: "suppressed",
        936: "not_available",
        871: "not_applicable",
        870: "low",
        867: "not_available",
        846: "missing",
    }


def test_bad_rows_are_all_refused_and_nothing_is_loaded(loaded):
    count = Value.objects.count()
    rows = source_rows()[:5]
    rows[1] = {**rows[1], "Values": "twelve"}
    rows[3] = {**rows[3], "Short Desc": "NoSuchMeasure", "LA Number": "abc"}
    rows.append(dict(rows[0]))
    with pytest.raises(importer.ImportRefused) as refused:
        importer.load(subset_files(rows), release_name="Bad")
    messages = [line for _, line in refused.value.errors]
    assert messages[0].startswith("line 3: the value “twelve”")
    assert messages[1].startswith("line 5: the measure “NoSuchMeasure”")
    assert "the LA Number “abc”" in messages[1]
    assert messages[2] == "line 7: the same measure, area and year as line 2"
    assert Value.objects.count() == count
    assert not Release.objects.filter(name="Bad").exists()


def test_the_command_loads_files_and_refuses_bad_ones(db, tmp_path, capsys):
    good = tmp_path / "values.csv"
    good.write_bytes(values_file(source_rows(["LAC_LongStable%"])))
    measures = importer.BUNDLED["measures"]
    call_command(
        "import_benchmarking",
        "--values",
        str(good),
        "--measures",
        str(measures),
        "--release",
        "By command",
    )
    out = capsys.readouterr().out
    assert "Release “By command” loaded" in out
    assert "new values" in out
    call_command(
        "import_benchmarking",
        "--values",
        str(good),
        "--measures",
        str(measures),
        "--release",
        "By command",
    )
    assert "nothing changed" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(values_file([{**source_rows(["LAC_LongStable%"])[0], "Years": "last year"}]))
    with pytest.raises(CommandError, match="line 2: the year “last year” does not start"):
        call_command("import_benchmarking", "--values", str(bad), "--release", "Bad")
    with pytest.raises(CommandError, match="--embargo must be a date"):
        call_command(
            "import_benchmarking", "--values", str(good), "--restricted", "--embargo", "soon"
        )
    with pytest.raises(CommandError, match="A --restricted release holds values only"):
        call_command("import_benchmarking", "--restricted", "--group", "Nobody")


def _schema(cursor, table):
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1", [table]
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass ORDER BY 1",
        [table],
    )
    return indexes, cursor.fetchall()


def test_a_large_load_builds_the_same_indexes_and_foreign_keys_again(db):
    table = Value._meta.db_table
    with connection.cursor() as cursor:
        before = _schema(cursor, table)
        statements = importer._drop_secondary_indexes(cursor, table)
        indexes, constraints = _schema(cursor, table)
        # Only the primary key and the unique constraint stay while the values are loaded.
        assert [name for name, _ in indexes] == ["benchmarking_value_pkey", "bm_value_unique"]
        assert not [name for name, definition in constraints if "FOREIGN KEY" in definition]
        for statement in statements:
            cursor.execute(statement)
        assert _schema(cursor, table) == before
