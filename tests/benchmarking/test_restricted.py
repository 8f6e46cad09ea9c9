"""Restricted releases: seen beside the public series by their groups (and superusers) only,
never cached publicly, and public by themselves on their embargo date."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.users.forms import GroupForm

from benchmarking import importer
from benchmarking.models import Release, Value
from benchmarking.queries import SOUTH_EAST
from tests.helpers import Html, get_html
from tests.two_factor import verified_login

from .conftest import quarter_values_file, source_rows, subset_files, values_file
from .test_pages import _query_count

RELEASE = "Authorities' own figures, quarter 2"
MEASURE_URL = "/benchmarking/measures/LACStable_2016on/"
ALL_CSV = MEASURE_URL + "download/all/"
LABEL = f"(restricted: {RELEASE})"
TOPIC = "?topic=Children+Looked+After"
COMPARE = "?authority=886&measure=LACStable_2016on&others=936&england=on"
# Every benchmarking page and download that could show the release's figures.
EVERY_PATH = [
    MEASURE_URL,
    MEASURE_URL + "?authority=886",
    MEASURE_URL + "download/latest/",
    MEASURE_URL + "download/trend/?authority=886",
    ALL_CSV,
    "/benchmarking/authorities/886/" + TOPIC,
    "/benchmarking/authorities/886/download/rug/" + TOPIC,
    "/benchmarking/grid/" + TOPIC,
    "/benchmarking/grid/download/" + TOPIC,
    "/benchmarking/compare/" + COMPARE,
    "/benchmarking/compare/download/" + COMPARE,
]
# The release's figures as pages show them, worked by hand: the dictionary gives this measure no
# decimal places and its published figures are whole numbers, so they show none (14.6 -> 15%).
SHOWN = {"Kent": "15%", "Surrey": "30%"}


def _restricted(embargo):
    group, _ = Group.objects.get_or_create(name="Data Sharing Protocol signatories")
    files = {"values": quarter_values_file()}
    importer.load(
        files, release_name=RELEASE, restricted=True, groups=[group], embargo_date=embargo
    )
    return group


@pytest.fixture
def restricted(benchmarking_page):
    return _restricted(timezone.localdate() + datetime.timedelta(days=30))


def _user(name, group=None, superuser=False):
    user = User.objects.create_user(name, f"{name}@example.org", "pw", is_superuser=superuser)
    if group:
        user.groups.add(group)
    return user


def _sees(client, url=MEASURE_URL):
    response = client.get(url)
    assert response.status_code == 200
    return RELEASE in response.content.decode() or "2026 Q2" in response.content.decode()


def _south_east():
    return sorted(
        {
            r["LA and Regions"]
            for r in source_rows(["LACStable_2016on"])
            if r["Region"] == SOUTH_EAST
        }
    )


def _rows(table, width, headings):
    """A page's table as {row heading: its data cells}, ``width`` data cells a row."""
    names = table["th"][headings:]
    cells = table["td"]
    return {name: cells[i * width : (i + 1) * width] for i, name in enumerate(names)}


def _table(html, caption):
    return next(t for t in html.tables if caption in t["caption"][0])


@pytest.mark.parametrize("path", EVERY_PATH)
@pytest.mark.parametrize("who", ["anonymous", "other user"])
def test_no_page_or_download_shows_it_to_anyone_else(client, restricted, path, who):
    if who == "other user":
        client.force_login(_user("other"))
    response = client.get(path)
    assert response.status_code == 200
    text = response.content.decode()
    assert RELEASE not in text
    assert "2026 Q2" not in text
    assert "restricted" not in text.lower().replace("restricted benchmarking", "")


def test_loading_it_changes_nothing_anyone_else_sees(client, benchmarking_page):
    before = {path: client.get(path).content for path in EVERY_PATH}
    _restricted(timezone.localdate() + datetime.timedelta(days=30))
    for path in EVERY_PATH:
        assert client.get(path).content == before[path], path


def test_a_signatory_sees_it_beside_the_public_series(client, restricted):
    client.force_login(_user("member", group=restricted))
    south_east = _south_east()
    assert len(south_east) == 19
    no_figure = "no figure published"

    # The measure's latest table: a column for the release, its year and release in the heading.
    html = get_html(client, MEASURE_URL + "?authority=886")
    latest = _table(html, "South East authorities")
    assert latest["th"][6] == f"2026 Q2 {LABEL}"
    rows = _rows(latest, 6, 7)
    for name in south_east:
        assert rows[name][-1] == SHOWN.get(name, no_figure), name
    assert rows["England"][-1] == no_figure
    # The bar chart: a bar for each of the two, labelled as restricted, with its year.
    assert "<title>Kent (restricted): 15% in 2026 Q2</title>" in html.source
    assert "<title>Surrey (restricted): 30% in 2026 Q2</title>" in html.source
    assert "bm-chart__bar--restricted" in html.source
    # The trend: Kent's restricted line beside its public one, in the chart and the table.
    trend = _table(html, "over the years")
    assert trend["th"][:5] == ["Year", "Kent", "South East", "England", f"Kent {LABEL}"]
    trend_rows = _rows(trend, 4, 5)
    assert list(trend_rows)[-1] == "2026 Q2"
    assert trend_rows["2026 Q2"] == [no_figure, no_figure, no_figure, "15%"]
    assert "bm-chart__series--restricted" in html.source
    assert f"Kent {LABEL} went from 15% in 2026 Q2 to 15% in 2026 Q2." in html.text
    assert "Shared with you under the Data Sharing Protocol until" in html.text

    # The grid and the authority page's rug: a row under the measure for the release.
    for path, current in [
        ("/benchmarking/grid/" + TOPIC, ""),
        ("/benchmarking/authorities/886/" + TOPIC, "Kent"),
    ]:
        grid = _table(get_html(client, path), "Quartile bands of the South East authorities")
        headings = [f"{a} (this authority)" if a == current else a for a in south_east]
        assert grid["th"][: 2 + 19] == ["Measure", "Year", *headings]
        grid_rows = _rows(grid, 20, 21)
        label = next(name for name in grid_rows if name.endswith(LABEL))
        assert grid_rows[label][0] == "2026 Q2"
        assert dict(zip(south_east, grid_rows[label][1:], strict=True)) == {
            name: SHOWN.get(name, "–") for name in south_east
        }

    # Compare: a restricted line for each chosen authority with figures in the release.
    html = get_html(client, "/benchmarking/compare/" + COMPARE)
    table = html.tables[0]
    assert table["th"][-5:] == ["Kent", "Surrey", "England", f"Kent {LABEL}", f"Surrey {LABEL}"]
    years = table["th"][1 : table["th"].index("Kent")]
    assert years[-1] == "2026 Q2"
    compare_rows = _rows(table, len(years), len(years) + 1)
    assert compare_rows[f"Kent {LABEL}"][-1] == "15%"
    assert compare_rows[f"Surrey {LABEL}"][-1] == "30%"
    assert compare_rows["England"][-1] == no_figure

    # Every download shows the same, and none of these responses may be kept by a shared cache.
    for path in EVERY_PATH:
        response = client.get(path)
        assert "private" in response["Cache-Control"], path
        assert "2026 Q2" in response.content.decode(), path
    grid_csv = csv.reader(io.StringIO(client.get("/benchmarking/grid/download/" + TOPIC).text))
    restricted_row = next(row for row in grid_csv if row[0].endswith(LABEL))
    assert restricted_row[1] == "2026 Q2"
    assert restricted_row[2 + south_east.index("Kent")] == "15%"
    assert restricted_row[2 + south_east.index("Surrey")] == "30%"


def test_the_page_cache_keeps_no_signatory_page(client, restricted, settings):
    settings.SESLIP_PAGE_CACHE = True
    cache.clear()
    member = Client()
    member.force_login(_user("member", group=restricted))
    for path in EVERY_PATH:
        assert "2026 Q2" in member.get(path).content.decode(), path
        anonymous = client.get(path)
        assert anonymous["X-Page-Cache"] == "miss", path  # the member's page was not kept
        assert "2026 Q2" not in anonymous.content.decode(), path
        assert client.get(path)["X-Page-Cache"] == "hit", path
        assert "2026 Q2" in member.get(path).content.decode(), path
    cache.clear()


def test_anonymous_visitors_never_see_it(client, restricted):
    assert not _sees(client)
    assert not _sees(client, ALL_CSV)
    assert not _sees(client, "/benchmarking/authorities/886/")
    response = client.get(MEASURE_URL)
    assert "private" not in response.get("Cache-Control", "")
    release = Release.objects.get(name=RELEASE)
    assert client.get(f"{MEASURE_URL}download/release-{release.id}/").status_code == 404


def test_other_users_never_see_it(client, restricted):
    client.force_login(_user("other"))
    assert not _sees(client)
    assert not _sees(client, ALL_CSV)
    assert not _sees(client, "/benchmarking/authorities/886/")


@pytest.mark.parametrize("who", ["member", "superuser"])
def test_members_and_superusers_see_it_privately(client, restricted, who):
    user = _user(who, group=restricted) if who == "member" else _user(who, superuser=True)
    verified_login(client, user)  # superusers give a code too
    response = client.get(MEASURE_URL)
    assert _sees(client)
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    rows = client.get(ALL_CSV).content.decode().splitlines()
    assert any(row.startswith("LACStable_2016on,Kent,886,2026 Q2,14.6,,") for row in rows)
    assert "private" in client.get(ALL_CSV)["Cache-Control"]
    assert _sees(client, "/benchmarking/authorities/886/")


def test_it_becomes_public_on_its_embargo_date(client, benchmarking_page):
    _restricted(timezone.localdate())
    assert _sees(client)
    assert "private" not in client.get(MEASURE_URL).get("Cache-Control", "")


def test_the_upload_needs_permission(client, benchmarking_page):
    client.force_login(_user("editor"))
    assert client.get("/admin/benchmarking/upload/").status_code in (302, 403)
    user = _user("loader")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_release"),
    )
    client.force_login(user)
    assert client.get("/admin/benchmarking/upload/").status_code == 200


def test_the_permission_to_load_can_be_given_to_a_group_in_the_admin(db):
    permissions = GroupForm().fields["permissions"].queryset
    assert permissions.filter(content_type__app_label="benchmarking", codename="add_release")


def test_an_upload_with_bad_rows_loads_nothing(client, benchmarking_page):
    verified_login(client, _user("admin", superuser=True))
    files = subset_files()
    bad = files["values"].replace(b"\n", b"\nLACStable_2016on,,2025,Kent,lots,886,South East\n", 1)
    response = client.post(
        "/admin/benchmarking/upload/",
        {"release": "Uploaded", "values": SimpleUploadedFile("values.csv", bad)},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was loaded" in text
    assert "line 2: the value “lots” is neither a number" in text
    good = client.post(
        "/admin/benchmarking/upload/",
        {"release": "LAIT test", "values": SimpleUploadedFile("values.csv", files["values"])},
    )
    assert "nothing changed" in good.content.decode() or "0 new values" in good.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/benchmarking/",
        MEASURE_URL,
        "/benchmarking/authorities/886/",
        "/benchmarking/grid/" + TOPIC,
        "/benchmarking/compare/" + COMPARE,
    ],
)
def test_a_signatory_s_pages_run_no_more_queries_than_anyone_else_s_logged_in(
    client, restricted, path
):
    """The restricted figures come in the page's one query of values; the rest (the session,
    the user, two-factor devices, Wagtail's user bar) is the same for anyone logged in."""
    client.force_login(_user("other"))
    other = _query_count(client, path)
    client.force_login(_user("member", group=restricted))
    assert _query_count(client, path) == other


def test_a_release_of_suppressed_figures_only_says_so(client, benchmarking_page):
    group, _ = Group.objects.get_or_create(name="Data Sharing Protocol signatories")
    row = {
        "Short Desc": "LACStable_2016on",
        "Years": "2026 Q3",
        "LA and Regions": "Kent",
        "Values": "-",
        "LA Number": "886",
        "Region": "South East",
    }
    importer.load(
        {"values": values_file([row])}, release_name=RELEASE, restricted=True, groups=[group]
    )
    client.force_login(_user("member", group=group))
    for path in EVERY_PATH:
        assert client.get(path).status_code == 200, path
    rows = client.get(ALL_CSV).content.decode().splitlines()
    assert any(row.startswith("LACStable_2016on,Kent,886,2026 Q3,,suppressed") for row in rows)


def test_loading_into_it_cannot_make_it_public_before_its_embargo(client, restricted):
    measures = {"measures": importer.BUNDLED["measures"].read_bytes()}
    with pytest.raises(importer.ImportRefused, match="is restricted until its embargo date"):
        importer.load(measures, release_name=RELEASE)
    assert Release.objects.get(name=RELEASE).restricted
    assert not _sees(client)
    # Nor can the public series be hidden by loading it as restricted.
    with pytest.raises(importer.ImportRefused, match="“LAIT test” is public"):
        importer.load(measures, release_name="LAIT test", restricted=True, groups=[restricted])
    assert not Release.objects.get(name="LAIT test").restricted


def test_a_restricted_release_changes_no_measure_authority_or_neighbour(client, restricted):
    """Measures, authorities and neighbours are shown to everyone: a restricted load may bring
    values only, of measures and authorities the public data has."""
    bundled = importer.bundled_files()
    for role in ("measures", "neighbours", "areas"):
        with pytest.raises(importer.ImportRefused) as refused:
            importer.load(
                {"values": quarter_values_file(), role: bundled[role]},
                release_name="Pilot figures",
                restricted=True,
                groups=[restricted],
            )
        assert refused.value.errors == [
            (importer.FILE_LABELS[role], importer.SHARED_FILE_REFUSED)
        ], role
    row = {
        "Short Desc": "LACStable_2016on",
        "Years": "2026 Q3",
        "LA and Regions": "Atlantis",
        "Values": "12",
        "LA Number": "999",
        "Region": "South East",
    }
    with pytest.raises(importer.ImportRefused) as refused:
        importer.load(
            {"values": values_file([row])},
            release_name="Pilot figures",
            restricted=True,
            groups=[restricted],
        )
    assert refused.value.errors == [
        (
            "values",
            "Atlantis (999) is not one of the authorities of the public data: load it with a "
            "public release first",
        )
    ]
    # A known authority under another name keeps its public name.
    importer.load(
        {"values": values_file([{**row, "LA and Regions": "Kent (pilot)", "LA Number": "886"}])},
        release_name="Pilot figures",
        restricted=True,
        groups=[restricted],
    )
    assert "Kent (pilot)" not in get_html(client, "/benchmarking/authorities/886/").text
    # The figure itself is loaded, for the release's groups.
    stored = Value.objects.get(release__name="Pilot figures", area__la_number=886, year="2026 Q3")
    assert stored.value == 12


def _uploader(name, group):
    user = _user(name, group=group)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_release"),
    )
    return user


def test_an_uploader_outside_its_groups_cannot_load_into_it(client, restricted):
    own = Group.objects.create(name="Data Benchmarking Network")
    # Kent's figure for the next quarter.
    values = values_file(
        [
            {
                "Short Desc": "LACStable_2016on",
                "Years": "2026 Q3",
                "LA and Regions": "Kent",
                "Values": "15",
                "LA Number": "886",
                "Region": "South East",
            }
        ]
    )
    form = {"release": RELEASE, "restricted": "on", "groups": [own.pk]}
    client.force_login(_uploader("loader", own))
    response = client.post(
        "/admin/benchmarking/upload/",
        {**form, "values": SimpleUploadedFile("values.csv", values)},
    )
    assert "A restricted release of this name is not shared with you" in Html(response).text
    assert list(Release.objects.get(name=RELEASE).groups.all()) == [restricted]
    # A member of its groups may.
    client.force_login(_uploader("member loader", restricted))
    response = client.post(
        "/admin/benchmarking/upload/",
        {**form, "groups": [restricted.pk], "values": SimpleUploadedFile("v.csv", values)},
    )
    assert f"Release “{RELEASE}” loaded" in Html(response).text
