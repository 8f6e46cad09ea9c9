"""Restricted releases: seen beside the public series by their groups (and superusers) only,
never cached publicly, and public by themselves on their embargo date."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benchmarking import importer
from benchmarking.models import Release
from tests.two_factor import verified_login

from .conftest import subset_files, values_file

RELEASE = "Authorities' own figures, quarter 2"
MEASURE_URL = "/benchmarking/measures/LACStable_2016on/"
ALL_CSV = MEASURE_URL + "download/all/"


def _restricted(embargo):
    group, _ = Group.objects.get_or_create(name="Data Sharing Protocol signatories")
    rows = [
        {
            "Short Desc": "LACStable_2016on",
            "Years": "2026 Q2",
            "LA and Regions": "Kent",
            "Values": "12.34",
            "LA Number": "886",
            "Region": "South East",
        },
    ]
    files = {"values": values_file(rows)}
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
    assert any(row.startswith("LACStable_2016on,Kent,886,2026 Q2,12.34,,") for row in rows)
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
