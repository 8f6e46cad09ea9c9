"""The benchmarking pages: figures as in the source file, words for missing values, CSV of what
each table shows, clear errors for bad input, and a bounded number of queries."""

import csv
import gzip
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarking import importer
from benchmarking.factories import BenchmarkingIndexPageFactory
from benchmarking.models import Measure
from networks.factories import UserFactory, restrict
from seslip.factories import StandardPageFactory
from tests.helpers import Html, get_html

from .conftest import source_band, source_neighbours, source_rows, subset_files

CODE = "LACStable_2016on"

KENT = 886


def _latest(code):
    rows = [r for r in source_rows([code]) if r["Values"] != "-"]
    return max(rows, key=lambda r: int(r["Years"][:4]))["Years"]


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_index_lists_measures_by_topic_with_their_details(client, benchmarking_page):
    html = get_html(client, "/benchmarking/")
    assert "Children Looked After" in html.heading_texts()
    assert (
        "Contains public sector information licensed under the Open Government Licence v3.0"
        in html.text
    )
    assert "Department for Education" in html.text
    assert "/benchmarking/measures/LACStable_2016on/" in html.main.hrefs()


@pytest.mark.parametrize(
    "path",
    [
        f"/benchmarking/measures/{CODE}/",
        f"/benchmarking/authorities/{KENT}/",
        "/benchmarking/grid/?topic=Children+Looked+After",
        "/benchmarking/compare/",
    ],
)
def test_each_view_of_the_data_leads_back_to_the_index(client, benchmarking_page, path):
    html = get_html(client, path)

    assert html.breadcrumbs == [
        ("/", "Home"),
        ("/benchmarking/", benchmarking_page.title),
    ]


def test_the_index_leads_back_home(client, benchmarking_page):
    html = get_html(client, "/benchmarking/")

    assert html.breadcrumbs == [("/", "Home")]


def test_index_search_and_its_errors(client, benchmarking_page):
    html = get_html(client, "/benchmarking/?q=placements")
    assert "/benchmarking/measures/LACStable_2016on/" in html.main.hrefs()
    assert "/benchmarking/measures/LAC_Good_Develop/" not in html.main.hrefs()
    html = get_html(client, "/benchmarking/?topic=Nonsense&q=" + "x" * 101)
    assert "Choose a topic from the list" in html.text
    assert "Search for at most 100 characters" in html.text


def test_the_site_search_finds_measures_as_the_index_does(client, benchmarking_page):
    html = get_html(client, "/search/?q=placements+looked+after").main

    # The chart title of LACStable_2016on in the dictionary (measures.csv).
    assert html.link_to("/benchmarking/measures/LACStable_2016on/") == (
        "Children looked after at 31 March with three or more placements during the year (%)"
    )
    assert "Benchmarking measures" in html.heading_texts()
    assert "/benchmarking/measures/LAC_Good_Develop/" not in html.hrefs()
    # A word in no measure: none listed.
    nothing = get_html(client, "/search/?q=tortoise").main
    assert "Benchmarking measures" not in nothing.heading_texts()
    # A benchmarking page kept to a group: its measures are not offered to anyone else, and its
    # members' results are kept by no shared cache.
    readers = Group.objects.create(name="Benchmarking readers")
    restrict(benchmarking_page, readers)
    hidden = get_html(client, "/search/?q=placements+looked+after").main
    assert "Benchmarking measures" not in hidden.heading_texts()
    assert "/benchmarking/measures/LACStable_2016on/" not in hidden.hrefs()
    client.force_login(UserFactory(groups=[Group.objects.create(name="Another group")]))
    outsider = get_html(client, "/search/?q=placements+looked+after").main
    assert "/benchmarking/measures/LACStable_2016on/" not in outsider.hrefs()
    client.force_login(UserFactory(groups=[readers]))
    member = client.get("/search/?q=placements+looked+after")
    assert "/benchmarking/measures/LACStable_2016on/" in Html(member).main.hrefs()
    assert "private" in member["Cache-Control"] and "no-store" in member["Cache-Control"]


def test_index_search_finds_every_word_in_any_order(client, benchmarking_page):
    # LACStable_2016on's chart title in the dictionary: "Children looked after at 31 March with
    # three or more placements during the year (%)".
    html = get_html(client, "/benchmarking/?q=placements+looked+after+THREE")
    assert "/benchmarking/measures/LACStable_2016on/" in html.main.hrefs()
    html = get_html(client, "/benchmarking/?q=placements+tortoise")
    assert "/benchmarking/measures/LACStable_2016on/" not in html.main.hrefs()
    assert "No measure matches your search" in html.text


def test_a_misspelt_search_finds_the_measures_spelt_like_it(client, benchmarking_page):
    # "placments": no measure holds it; LACStable_2016on's chart title in the dictionary has
    # "placements", and LAC_Good_Develop's text has no word like it.
    html = get_html(client, "/benchmarking/?q=placments+looked+after")
    assert "/benchmarking/measures/LACStable_2016on/" in html.main.hrefs()
    assert "/benchmarking/measures/LAC_Good_Develop/" not in html.main.hrefs()
    assert "No measures match ‘placments looked after’." in html.text
    assert "‘placements looked after’, the closest spelling" in html.text
    # Words that each some measure holds are not respelt, whatever they find together.
    html = get_html(client, "/benchmarking/?q=placements+asylum")
    assert "No measure matches your search" in html.text
    assert "closest spelling" not in html.text

    # In the site's search too, when nothing at all matched the word as typed.
    site = get_html(client, "/search/?q=placments").main
    assert "Benchmarking measures" in site.heading_texts()
    assert "/benchmarking/measures/LACStable_2016on/" in site.hrefs()
    assert "No measures match ‘placments’. These match ‘placements’" in site.text


def test_a_word_spelt_right_is_not_respelt_as_a_measures_word(client, benchmarking_page):
    """'surrey' is like the dictionary's 'survey' (difflib's ratio 2 × 5 / 12 = 0.83) and
    'update' holds its 'date' (another first letter): neither is a misspelling of them."""
    for word in ("surrey", "update"):
        html = get_html(client, f"/benchmarking/?q={word}")
        assert "No measure matches your search" in html.text
        assert "closest spelling" not in html.text
    # In the site's search, a word that finds pages is not respelt for the measures either.
    StandardPageFactory(parent=benchmarking_page.get_parent(), title="Surrey's fostering hub")
    site = get_html(client, "/search/?q=surrey").main
    assert "Surrey's fostering hub" in site.text
    assert "Benchmarking measures" not in site.heading_texts()
    assert "closest spelling" not in site.text


def test_measure_page_shows_the_south_east_as_published(client, benchmarking_page):
    code = "LACStable_2016on"
    year = _latest(code)
    rows = {int(float(r["LA Number"])): r for r in source_rows([code]) if r["Years"] == year}
    html = get_html(client, f"/benchmarking/measures/{code}/")
    table = html.tables[0]
    assert year in table["caption"][0]
    south_east = sorted(r["LA and Regions"] for r in rows.values() if r["Region"] == "South East")
    assert len(south_east) == 19
    for name in south_east:
        assert name in table["th"]
    kent = rows[KENT]["Values"]
    # Percentages with the dictionary's decimal places (none given: those published, at most 2).
    expected = f"{float(kent):.0f}%" if float(kent).is_integer() else f"{float(kent):g}%"
    assert expected in table["td"]
    assert "South East" in table["th"] and "England" in table["th"]
    # The chart: a title, a summary naming the highest and lowest, the same table beside it.
    assert '<svg class="bm-chart"' in html.source
    assert 'role="img" aria-labelledby="chart-latest-title chart-latest-summary"' in html.source
    published = {
        r["LA and Regions"]: float(r["Values"])
        for r in rows.values()
        if r["Region"] == "South East" and r["Values"] != "-"
    }
    summary = re.search(
        r"In (\S+), of the (\d+) South East authorities with a published figure, (.+?) had the "
        r"highest \(.+?\) and (.+?) the lowest \(.+?\)\.",
        html.text,
    )
    assert summary, html.text
    assert summary.group(1) == year
    assert int(summary.group(2)) == len(published)
    assert published[summary.group(3)] == max(published.values())
    assert published[summary.group(4)] == min(published.values())
    assert "style=" not in html.main.source
    assert "<script" not in html.main.source


def test_missing_values_say_so(client, benchmarking_page):
    code = "LACStable_2016on"
    rows = source_rows([code])
    missing = [r for r in rows if r["Values"] == "-" and r["Region"] == "South East"]
    year = _latest(code)
    html = get_html(client, f"/benchmarking/measures/{code}/")
    if any(r["Years"] == year for r in missing):
        assert "suppressed or not available" in " ".join(html.tables[0]["td"])
    all_rows = _csv(client.get(f"/benchmarking/measures/{code}/download/all/"))
    header = all_rows[0]
    assert header[:6] == ["measure", "area", "la_number", "year", "value", "status"]
    by_key = {(r[2], r[3]): r for r in all_rows[1:]}
    assert len(all_rows) - 1 == len(rows)
    for source in missing:
        row = by_key[(str(int(float(source["LA Number"]))), source["Years"])]
        assert row[4] == ""
        assert row[5] == "suppressed or not available"


def test_each_table_downloads_as_the_csv_of_what_it_shows(client, benchmarking_page):
    html = get_html(client, "/benchmarking/measures/LACStable_2016on/")
    table = html.tables[0]
    rows = _csv(client.get("/benchmarking/measures/LACStable_2016on/download/latest/"))
    assert [r[0] for r in rows[1:]] == table["th"][6:]
    assert rows[0][0] == "Area"
    assert (
        client.get("/benchmarking/measures/LACStable_2016on/download/nonsense/").status_code == 404
    )


def test_authority_page_and_grid(client, benchmarking_page):
    html = get_html(client, f"/benchmarking/authorities/{KENT}/")
    assert html.headings[0] == ("h1", "Kent")
    # Each topic under its own heading, its table captioned with the authority too: said once.
    assert "Children Looked After" in html.heading_texts()
    assert "Kent: Children Looked After" not in html.heading_texts()
    assert ["Kent: Children Looked After"] in [t["caption"] for t in html.tables]
    grid = get_html(client, "/benchmarking/grid/?topic=Children+Looked+After")
    cells = grid.tables[0]["td"]
    assert set(cells) & set("ABCD")
    assert "Kent" in grid.tables[0]["th"]
    assert client.get("/benchmarking/authorities/970/").status_code == 404
    assert client.get("/benchmarking/authorities/12345/").status_code == 404
    html = get_html(client, "/benchmarking/grid/?topic=Nonsense")
    assert "Choose a topic from the list" in html.text


def test_compare_lives_in_the_address(client, benchmarking_page):
    url = (
        f"/benchmarking/compare/?authority={KENT}&measure=LACStable_2016on"
        "&neighbours=on&england=on&others=887"
    )
    html = get_html(client, url)
    table = html.tables[0]
    names = {int(float(r["LA Number"])): r["LA and Regions"] for r in source_rows([CODE])}
    neighbours = [names[n] for n in source_neighbours()[KENT]]
    assert len(neighbours) == 10
    assert {"Kent", "Medway", "England", *neighbours} == set(table["th"][len(table["th"]) - 13 :])
    rows = _csv(client.get(url.replace("/compare/", "/compare/download/")))
    assert [r[0] for r in rows[1:]][:1] == ["Kent"]
    bad = get_html(client, "/benchmarking/compare/?authority=abc&measure=nope&others=1&others=x")
    assert "Choose an authority from the list" in bad.text
    assert "Choose a measure from the list" in bad.text


def test_compare_keeps_every_choice_in_its_boxes(client, benchmarking_page):
    html = get_html(
        client,
        f"/benchmarking/compare/?authority={KENT}&measure={CODE}&others=887&others=868",
    )
    assert html.chosen("authority") == ["Kent"]
    # The measure by its title, as the list of measures names it (the dictionary's Chart_title).
    assert html.chosen("measure") == [
        "Children Looked After: Children looked after at 31 March with three or more placements"
        " during the year (%)"
    ]
    assert html.chosen("others") == ["Medway", "Windsor and Maidenhead"]
    # A box of several choices, its limit given as its hint.
    others = re.search(r'<select\b[^>]*name="others"[^>]*>', html.source).group(0)
    assert " multiple " in others and 'aria-describedby="id_others-hint"' in others
    assert re.search(
        r'<div id="id_others-hint" class="govuk-hint">Up to 10. To choose more than one, hold '
        r"Ctrl \(Cmd on a Mac\) as you click; your choices stay highlighted.</div>",
        html.source,
    )
    # Too many: the visitor is told how many they chose, and keeps them.
    too_many = "".join(f"&others={n}" for n in (887, 868, 867, 846, 825, 845, 850, 921, 852, 851))
    html = get_html(
        client, f"/benchmarking/compare/?authority={KENT}&measure={CODE}{too_many}&others=870"
    )
    assert "Choose at most 10 other authorities: you chose 11" in html.text
    assert len(html.chosen("others")) == 11
    # Without a measure, the visitor is told, and keeps the authority chosen.
    html = get_html(client, f"/benchmarking/compare/?authority={KENT}&measure=")
    assert "Choose a measure" in html.text
    assert html.chosen("authority") == ["Kent"]


def test_compare_from_an_authority_page_starts_with_it_chosen_and_asks_for_a_measure(
    client, benchmarking_page
):
    authority = get_html(client, f"/benchmarking/authorities/{KENT}/").main
    href = next(
        h for h, text in authority.links if text == "Compare Kent with others over the years"
    )

    html = get_html(client, href)

    assert "There is a problem" not in html.text
    assert html.chosen("authority") == ["Kent"]
    assert html.chosen("measure") == ["Choose a measure"]
    for box in ("neighbours", "region", "england"):
        assert re.search(rf'name="{box}" type="checkbox" checked', html.source), box
    # A box is read as a submitted form reads it: "false" and "0" leave it unticked.
    unticked = get_html(client, f"/benchmarking/compare/?authority={KENT}&region=false&england=0")
    for box in ("region", "england"):
        assert re.search(rf'name="{box}" type="checkbox">', unticked.source), box


@pytest.mark.parametrize(
    "path",
    [
        "/benchmarking/measures/NoSuch/",
        "/benchmarking/measures/%00/",
        "/benchmarking/authorities/99999999999999999999/",
        "/benchmarking/compare/?authority=886&measure=LACStable_2016on&others=886&others="
        + "&others=".join(str(n) for n in range(800, 830)),
        "/benchmarking/grid/download/?topic=%ff",
        # Opened without a measure: the choices read from the address, whatever they are.
        "/benchmarking/compare/?authority=%C2%B2&region=%00&england=%ff&others=%E2%91%A0"
        "&others=99999999999999999999&neighbours=" + "9" * 5000,
        f"/benchmarking/measures/{CODE}/?authority=%D9%A3",
        "/benchmarking/?q=%00",
    ],
)
def test_hostile_addresses_get_no_server_error(safe_client, benchmarking_page, path):
    assert safe_client.get(path).status_code in (200, 400, 404)


def _query_count(client, path):
    client.get(path)  # Wagtail's site cache and the kept reference data
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/benchmarking/",
        "/benchmarking/measures/LACStable_2016on/",
        f"/benchmarking/authorities/{KENT}/",
        "/benchmarking/grid/?topic=Children+Looked+After",
        f"/benchmarking/compare/?authority={KENT}&measure=LACStable_2016on&neighbours=on",
    ],
)
def test_pages_run_at_most_10_queries_however_much_data(client, home_page, path):
    BenchmarkingIndexPageFactory(parent=home_page)
    importer.load(subset_files(source_rows([CODE])), release_name="LAIT test")
    small = _query_count(client, path)
    importer.load(subset_files(), release_name="LAIT test")  # four measures, all their years
    large = _query_count(client, path)
    assert small == large
    assert large <= 10


def test_authority_page_shows_the_tartan_rug_with_bands_in_words(client, benchmarking_page):
    response = client.get(f"/benchmarking/authorities/{KENT}/?topic=Children+Looked+After")
    html = Html(response)
    rug = next(t for t in html.tables if t["caption"][0].startswith("Quartile bands of the"))
    assert rug["caption"] == ["Quartile bands of the South East authorities: Children Looked After"]
    headers = rug["th"][: 2 + 19]
    assert headers[:2] == ["Measure", "Year"]
    assert "Kent (this authority)" in headers
    # The row of children looked after with 3 or more placements (lower is better).
    page = response.content.decode()
    row = re.search(
        r'href="/benchmarking/measures/LACStable_2016on/">.*?</th>(.*?)</tr>',
        page[page.index('id="table-rug"') :],
        re.DOTALL,
    )
    cells = re.findall(r'<td class="([^"]*)">([^<]*)</td>', row.group(1))
    kent_cell = cells[1 + headers.index("Kent (this authority)") - 2]
    band = source_band(CODE, KENT, high=False)
    assert kent_cell == (f"govuk-table__cell bm-band bm-band--{band.lower()}", band)
    rows = _csv(
        client.get(f"/benchmarking/authorities/{KENT}/download/rug/?topic=Children+Looked+After")
    )
    assert rows[0][:2] == ["Measure", "Year"]
    assert "Kent (this authority)" in rows[0]
    html = get_html(client, f"/benchmarking/authorities/{KENT}/?topic=Nonsense")
    assert "Choose a topic from the list" in html.text


def test_public_pages_vary_on_cookie(client, benchmarking_page):
    response = client.get("/benchmarking/measures/LACStable_2016on/")
    assert "Cookie" in response["Vary"]
    assert "private" not in response.get("Cache-Control", "")
    assert Html(response).main


def test_measure_trend_for_a_chosen_authority_as_published(client, benchmarking_page):
    html = get_html(client, f"/benchmarking/measures/{CODE}/?authority={KENT}")
    assert any("Kent, South East, England over the years" in t["caption"][0] for t in html.tables)
    rows = _csv(client.get(f"/benchmarking/measures/{CODE}/download/trend/?authority={KENT}"))
    assert rows[0] == ["Year", "Kent", "South East", "England"]
    published = {
        r["Years"]: r["Values"] for r in source_rows([CODE]) if r["LA Number"] == f"{KENT}.0"
    }
    assert len(rows) > 3
    for year, kent, *_ in rows[1:]:
        if published[year] == "-":
            assert kent == ""
        else:
            assert float(kent) == pytest.approx(float(published[year]))
    # Until a visitor chooses, the first South East authority by name.
    first = get_html(client, f"/benchmarking/measures/{CODE}/")
    assert any("Bracknell Forest, South East" in t["caption"][0] for t in first.tables)
    assert html.chosen("authority") == ["Kent"]
    wrong = get_html(client, f"/benchmarking/measures/{CODE}/?authority=970")
    assert "Choose an authority from the list" in wrong.text


def test_the_index_opens_with_its_topics_and_cuts_descriptions_at_a_word(client, benchmarking_page):
    """The index lists every measure of the DfE's dictionary under its topic: it opens with the
    topics, each a link to its heading with its number of measures; a description longer than
    a listing shows is cut at the end of a word."""
    with gzip.open(importer.BUNDLED["measures"], "rt", encoding="utf-8", newline="") as file:
        dictionary = list(csv.DictReader(file))
    descriptions = {
        row["Measure_short"]: " ".join(row["Description"].split()) for row in dictionary
    }
    codes = dict(Measure.objects.values_list("slug", "code"))  # ('LACpct_…': 'LAC%_…')
    soup = BeautifulSoup(client.get("/benchmarking/").content, "html.parser")
    contents = soup.find("nav", attrs={"aria-labelledby": "bm-contents-heading"})

    listed = {}
    for link in contents.find_all("a"):
        heading = soup.find(id=link["href"].removeprefix("#"))
        assert heading.name == "h2" and heading.get_text() == link.get_text()
        measures = heading.find_next_sibling("ul").select(".bm-measures__item")
        listed[link.get_text()] = len(measures)
        assert f"{link.get_text()} ({len(measures)})" == link.parent.get_text()
    assert set(listed) == {row["Topic"] for row in dictionary}
    assert sum(listed.values()) == len(descriptions)

    cut = 0
    for item in soup.select(".bm-measures__item"):
        code = codes[item.a["href"].strip("/").split("/")[-1]]
        summary = " ".join(item.select_one("p").get_text().split())
        whole = descriptions[code]
        if summary.endswith("…"):
            cut += 1
            start = summary.removesuffix("…")
            assert whole.startswith(start) and whole[len(start)] in " ,;:-(.", (code, summary)
        else:
            assert summary == whole
    assert cut == sum(1 for text in descriptions.values() if len(text) > 300)


def test_a_measure_with_no_methodology_shows_none_and_links_its_source(client, benchmarking_page):
    """LACnum's methodology in the dictionary is '-' (none): its page has no empty Methodology
    section; its source's publication is a link styled as the site's links."""
    page = get_html(client, "/benchmarking/measures/LACnum/")
    assert "Methodology" not in page.text
    source = (
        "https://explore-education-statistics.service.gov.uk/find-statistics/"
        "children-looked-after-in-england-including-adoptions"
    )
    assert f'<a class="govuk-link" href="{source}">{source}</a>' in page.source
    assert "Methodology" in get_html(client, f"/benchmarking/measures/{CODE}/").text
