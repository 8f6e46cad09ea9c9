"""What the pages say beside the figures, checked against the bundled file by hand: why a
change or an average is missing, what the figures are, the numbers in the downloads, the marks
for a year with no figure in the charts, and each measure's details in the list of measures.

LAC_Good_Develop (looked after pupils with a good level of development, a percentage whose
dictionary row gives no decimal places: its published figures have at most one) as published:

    year   Kent   South East   England   Bracknell Forest
    2023   64.7   38           41.3      -
    2024   -      34.6         39.9      -
    2025   36.8   46.8         42.9      -
"""

import csv
import datetime
import io
import re

import pytest

from benchmarking import importer
from benchmarking.factories import BenchmarkingIndexPageFactory
from benchmarking.models import Measure
from benchmarking.presentation import next_update_text
from tests.helpers import Html, get_html

from .conftest import MEASURES, source_neighbours, source_rows, subset_files

MEASURE = "/benchmarking/measures/LAC_Good_Develop/"
KENT, HAMPSHIRE = 886, 850


def _csv(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def _rows(table, width):
    """A page's table as {row heading: its data cells}, ``width`` columns with headings."""
    names = table["th"][width:]
    data = width - 1
    return {name: table["td"][i * data : (i + 1) * data] for i, name in enumerate(names)}


def test_a_change_or_average_that_cannot_be_worked_out_says_why(client, benchmarking_page):
    latest = get_html(client, MEASURE).tables[0]
    assert latest["th"][:6] == [
        "Area",
        "Value (% achieving expected level)",
        "Rank in England (1 = best)",
        "Quartile band (A = best)",
        "Change since previous year",
        "Statistical neighbours' average",
    ]
    rows = _rows(latest, 6)
    # Kent has 36.8 in 2025 but no figure in 2024.
    assert rows["Kent"][0] == "36.8%"
    assert rows["Kent"][3] == "no figure the year before"
    # Bracknell Forest has no figure in 2025.
    assert rows["Bracknell Forest"][0] == "suppressed or not available"
    assert rows["Bracknell Forest"][3] == "no figure this year"
    # The region and England have their change too: 46.8 - 34.6 and 42.9 - 39.9.
    assert rows["South East"][3] == "+12.2"
    assert rows["England"][3] == "+3.0"
    # None of Hampshire's ten neighbours has a figure for 2025 in the file.
    published = {
        int(float(r["LA Number"])): r["Values"]
        for r in source_rows(["LAC_Good_Develop"])
        if r["Years"] == "2025"
    }
    assert {published[n] for n in source_neighbours()[HAMPSHIRE]} == {"-"}
    assert rows["Hampshire"][4] == "no neighbour has a figure"

    # The download: the same rows, numbers as plain numbers (the unit is in the heading).
    download = {row[0]: row[1:] for row in _csv(client.get(MEASURE + "download/latest/"))}
    assert download["Kent"][0] == "36.8"
    assert download["Kent"][3] == "no figure the year before"
    assert download["Bracknell Forest"][:1] == ["suppressed or not available"]
    assert download["South East"][3] == "12.2"
    assert download["England"][3] == "3.0"


def test_a_fall_downloads_as_a_number_a_spreadsheet_reads(client, benchmarking_page):
    # LACStable_2016on: England 11 in 2024, 10 in 2025 (whole numbers, so none shown).
    url = "/benchmarking/measures/LACStable_2016on/"
    rows = _rows(get_html(client, url).tables[0], 6)
    assert rows["England"][3] == "−1"  # a minus sign on the page
    download = {row[0]: row[1:] for row in _csv(client.get(url + "download/latest/"))}
    assert download["England"][3] == "-1"  # a hyphen-minus in the CSV


def test_the_all_values_csv_writes_every_number_in_full(client, benchmarking_page):
    code = "LACStable_2016on"
    rows = _csv(client.get(f"/benchmarking/measures/{code}/download/all/"))
    by_key = {(r[2], r[3]): r[4] for r in rows[1:]}
    # England's 10 of 2016, as published (not "1E+1").
    assert by_key[("970", "2016")] == "10"
    for source in source_rows([code]):
        value = by_key[(str(int(float(source["LA Number"]))), source["Years"])]
        if source["Values"] == "-":
            assert value == ""
        else:
            assert re.fullmatch(r"-?\d+(\.\d+)?", value), value
            assert float(value) == pytest.approx(float(source["Values"]))
    # The float noise of the file (36.799999999999997) is not carried over.
    good = _csv(client.get(MEASURE + "download/all/"))
    assert ["LAC_Good_Develop", "Kent", "886", "2025", "36.8"] in [r[:5] for r in good]


def test_percentages_and_rates_say_what_they_are(client, benchmarking_page):
    # The dictionary's y_axis_name of LACStable_2016on is "% with 3 or more placements".
    unit = "% with 3 or more placements"
    html = get_html(client, f"/benchmarking/authorities/{KENT}/")
    table = next(t for t in html.tables if t["caption"] == ["Kent: Children Looked After"])
    # The authority's own figure first, where a phone shows it without scrolling.
    assert table["th"][:4] == ["Measure", "Kent", "What the figures are", "Year"]
    title = "Children looked after at 31 March with three or more placements during the year (%)"
    row = table["th"].index(title) - 9
    assert table["td"][row * 8 : row * 8 + 3] == ["12%", unit, "2025"]
    name = re.search(r'id="table-(topic-\d+)-caption">Kent: Children Looked After<', html.source)
    download = _csv(client.get(f"/benchmarking/authorities/{KENT}/download/{name.group(1)}/"))
    assert download[0][2] == "What the figures are"
    measure = get_html(client, f"/benchmarking/measures/LACStable_2016on/?authority={KENT}")
    assert f"({unit}), 2025: South East authorities</title>" in measure.source  # the bar chart
    trend = next(t for t in measure.tables if "over the years" in t["caption"][0])
    assert f"({unit}): Kent, South East, England over the years" in trend["caption"][0]
    compare = get_html(
        client, f"/benchmarking/compare/?authority={KENT}&measure=LACStable_2016on&england=on"
    )
    assert f"({unit}): Kent compared" in compare.tables[0]["caption"][0]


def test_a_year_with_no_figure_is_marked_under_the_axis_and_said(client, benchmarking_page):
    html = get_html(client, f"{MEASURE}?authority={KENT}")
    source = html.source
    start = source.index('id="chart-trend-title"')
    chart = source[start : source.index("</svg>", start)]
    axis = float(re.search(r'<line class="bm-chart__axis" [^>]*y1="([\d.]+)"', chart).group(1))
    gap = re.search(
        r'<g class="bm-chart__gap"><title>Kent, 2024: suppressed or not available</title>'
        r'<path class="bm-chart__cross" d="M[\d.]+ ([\d.]+)',
        chart,
    )
    assert gap, "Kent's 2024 is marked as missing"
    assert float(gap.group(1)) > axis  # under the axis, where no value can be drawn
    assert "× under a year: no figure published" in Html(chart).text
    # The vertical axis in the measure's figures, in round steps from 0 past the highest, Kent's
    # 64.7 of 2023: at most six ticks, so steps of 20 (ten would need eight).
    ticks = re.findall(r'<text class="bm-chart__tick" [^>]*text-anchor="end">([^<]*)<', chart)
    assert ticks == ["0.0%", "20.0%", "40.0%", "60.0%", "80.0%"]
    trend = _csv(client.get(f"{MEASURE}download/trend/?authority={KENT}"))
    assert trend[0] == ["Year", "Kent", "South East", "England"]
    assert trend[1:] == [
        ["2022", "55.6", "41.1", "39.1"],
        ["2023", "64.7", "38.0", "41.3"],
        ["2024", "suppressed or not available", "34.6", "39.9"],
        ["2025", "36.8", "46.8", "42.9"],
    ]


def test_no_line_s_points_look_like_a_missing_year(client, benchmarking_page):
    # Kent and its ten neighbours: eleven lines, more than there are shapes of point.
    html = get_html(
        client, f"/benchmarking/compare/?authority={KENT}&measure=LACStable_2016on&neighbours=on"
    )
    markers = re.findall(r'<g class="bm-chart__marker"><title>[^<]*</title><(\w+)', html.source)
    assert len(markers) > 50
    assert "bm-chart__cross" not in "".join(
        re.findall(r'<g class="bm-chart__marker">.*?</g>', html.source)
    )


def test_each_measure_s_details_from_the_dictionary(client, benchmarking_page):
    html = get_html(client, "/benchmarking/")
    # LACStable_2016on in the dictionary: its Description, Data Owner "DfE", Year_Type
    # "Financial Year", Last Update 45962 and Next Update 46327 (Excel days: 1 November 2025
    # and 1 November 2026, a day now past).
    title = "Children looked after at 31 March with three or more placements during the year (%)"
    assert html.link_to("/benchmarking/measures/LACStable_2016on/") == title
    assert (
        f"{title} All placements of 24 hours or more of children that were looked after on 31 "
        "March during the previous year are counted." in html.text
    )
    assert (
        "Source: DfE. Financial Year. Last updated 1 November 2025; next update 1 November 2026, "
        "now past." in html.text
    )
    # The measure's own page says the same, with the licence.
    page = get_html(client, "/benchmarking/measures/LACStable_2016on/")
    assert (
        "Period Financial Year Source DfE Last updated 1 November 2025 "
        "Next update 1 November 2026, now past" in page.text
    )
    assert "All placements of 24 hours or more of children that were looked after" in page.text
    assert "licensed under the Open Government Licence v3.0" in page.text


@pytest.mark.parametrize(
    ("next_update", "note", "today", "shown"),
    [
        (datetime.date(2026, 11, 1), "", datetime.date(2026, 10, 31), "1 November 2026"),
        (datetime.date(2026, 11, 1), "", datetime.date(2026, 11, 1), "1 November 2026"),
        (datetime.date(2026, 11, 1), "", datetime.date(2026, 11, 2), "1 November 2026, now past"),
        (None, "TBC", datetime.date(2026, 11, 2), "TBC"),
        (None, "", datetime.date(2026, 11, 2), "Not given"),
    ],
)
def test_the_next_update_says_when_its_day_is_past(next_update, note, today, shown):
    measure = Measure(next_update=next_update, next_update_note=note)

    assert next_update_text(measure, today) == shown


def _chart(source, chart_id):
    start = source.index(f'id="{chart_id}-title"')
    return source[start : source.index("</svg>", start)]


def test_a_count_s_charts_leave_out_the_totals_that_would_dwarf_the_authorities(client, home_page):
    """Children looked after (LACnum) is a count: the South East's and England's figures are
    totals of their authorities' (in the bundled file, 2025: England 81,770, the South East
    11,050, Kent 1,896, the largest authority). Drawn on one scale, every authority's bar or
    line would be a sliver: the charts leave the totals out and say so, the tables keep them.
    A rate's England is drawn beside the authorities (LAC_Good_Develop), even far above an
    authority's (CIN_Refferals_NFA: Kent's 0.5% of referrals with no further action in 2025
    beside England's 6.5%)."""
    rows = source_rows([*MEASURES, "LACnum", "CIN_Refferals_NFA"])
    importer.load(subset_files(rows), release_name="LAIT test")
    BenchmarkingIndexPageFactory(parent=home_page)
    latest = {
        r["LA and Regions"]: int(r["Values"])
        for r in rows
        if r["Short Desc"] == "LACnum"
        and r["Years"] == "2025"
        and (r["Region"] == "South East" or r["LA and Regions"] in ("South East", "England"))
    }
    largest = max(v for name, v in latest.items() if name not in ("South East", "England"))
    assert (latest["England"], latest["South East"], largest) == (81770, 11050, 1896)

    html = get_html(client, f"/benchmarking/measures/LACnum/?authority={KENT}")
    bars = re.findall(r"<rect [^>]*><title>([^<]*)</title>", _chart(html.source, "chart-latest"))
    assert "Kent: 1,896" in bars and len(bars) == 19
    assert not [bar for bar in bars if bar.startswith(("South East", "England"))]
    table = _rows(html.tables[0], 6)
    assert table["England"][0] == "81,770" and table["South East"][0] == "11,050"
    lines = re.findall(
        r'class="bm-chart__series-label"[^>]*>([^<]*)<', _chart(html.source, "chart-trend")
    )
    assert lines == ["Kent"]
    said = "The chart leaves out South East and England: their figures are totals of their"
    assert html.text.count(said) == 2  # under each chart

    compare = get_html(client, f"/benchmarking/compare/?authority={KENT}&measure=LACnum&england=on")
    lines = re.findall(
        r'class="bm-chart__series-label"[^>]*>([^<]*)<', _chart(compare.source, "chart-compare")
    )
    assert lines == ["Kent"]
    assert "The chart leaves out England: its figures are totals of its" in compare.text
    assert "England" in compare.tables[0]["th"]

    rate = get_html(client, f"{MEASURE}?authority={KENT}")
    bars = re.findall(r"<rect [^>]*><title>([^<]*)</title>", _chart(rate.source, "chart-latest"))
    assert "England: 42.9%" in bars
    assert "leaves out" not in rate.text
    published = {
        r["LA and Regions"]: r["Values"]
        for r in rows
        if r["Short Desc"] == "CIN_Refferals_NFA" and r["Years"] == "2025"
    }
    assert (published["Kent"], published["England"]) == ("0.5", "6.5")  # 13 times Kent's
    outlier = get_html(client, f"/benchmarking/measures/CIN_Refferals_NFA/?authority={KENT}")
    lines = re.findall(
        r'class="bm-chart__series-label"[^>]*>([^<]*)<', _chart(outlier.source, "chart-trend")
    )
    assert lines == ["Kent", "South East", "England"]
    assert "leaves out" not in outlier.text
