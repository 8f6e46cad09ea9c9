"""The reports library in the demo content: public and restricted reports with real files, the
groups and collections that restrict them, the plan page's links, and the demo signatory."""

import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import BaseViewRestriction, PageViewRestriction

from networks.access import SIGNATORIES_GROUP
from networks.models import AccessGroup, ReportPage
from seslip.demo import loader
from seslip.demo.reports import SIGNATORY_USERNAME, ensure_signatory
from seslip.models import StandardPage


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded twice; rolled back after the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        first = loader.load()
        second = loader.load()
        yield SimpleNamespace(first=first, second=second)
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def reports():
    return {r.slug: r for r in ReportPage.objects.select_related("document__collection")}


def pdf_is_well_formed(data):
    """A PDF whose cross-reference table points at each of its objects."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    assert data[start : start + 4] == b"xref"
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n", data)]
    assert offsets
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    return True


def test_the_library_has_public_and_restricted_reports(demo_db):
    found = reports()

    assert {
        "regional-improvement-plan-2024-25",
        "regional-improvement-plan-2023-24",
        "memorandum-of-understanding",
        "data-sharing-protocol",
        "unaudited-benchmarking-data-q3-2024-25",
        "restricted-benchmarking-report-q3-2024-25",
    } <= set(found)
    assert all(r.live for r in found.values())
    public = found["regional-improvement-plan-2024-25"]
    restricted = found["unaudited-benchmarking-data-q3-2024-25"]
    assert not public.get_view_restrictions().exists()
    assert not public.document.collection.get_view_restrictions().exists()
    [restriction] = restricted.get_view_restrictions()
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert [g.name for g in restriction.groups.all()] == [SIGNATORIES_GROUP]
    [doc_restriction] = restricted.document.collection.get_view_restrictions()
    assert [g.name for g in doc_restriction.groups.all()] == [SIGNATORIES_GROUP]
    assert found["regional-improvement-plan-2023-24"].superseded_by == public


def test_a_networks_shared_documents_are_for_its_members(demo_db):
    shared = reports()["multi-agency-audit-findings-2024"]
    [restriction] = shared.get_view_restrictions()
    [group] = restriction.groups.all()

    assert group.name == "Quality Assurance Network members"
    access = AccessGroup.objects.get(group=group)
    assert access.network == shared.network
    assert shared.network.slug == "quality-assurance-network"


def test_the_files_are_real_pdf_and_csv(demo_db):
    for report in reports().values():
        with report.document.file.open("rb") as file:
            data = file.read()
        if report.document.file_extension == "pdf":
            assert pdf_is_well_formed(data), report.slug
        else:
            text = data.decode("utf-8-sig")
            assert text.startswith("Authority,"), report.slug
            assert "Kent" in text


def test_the_groups_are_described_for_visitors(demo_db):
    signatories = AccessGroup.objects.get(group__name=SIGNATORIES_GROUP)
    assert "Data Sharing Protocol" in signatories.description
    assert signatories.open_to_requests


def test_the_plan_page_links_to_the_plan_mou_and_protocol(demo_db, client):
    plan = StandardPage.objects.get(slug="regional-improvement-plan-2024-25")
    found = reports()
    html = client.get(plan.url).content.decode()

    for slug in (
        "regional-improvement-plan-2024-25",
        "memorandum-of-understanding",
        "data-sharing-protocol",
    ):
        assert f'href="{found[slug].url}"' in html, slug


def test_a_second_run_creates_no_report(demo_db):
    assert demo_db.first.details["reports"][0] >= 8
    assert demo_db.second.details["reports"][0] == 0


def test_an_editors_changes_to_reports_survive_another_run(demo_db):
    plan = reports()["regional-improvement-plan-2024-25"]
    plan.title = "Regional Improvement Plan 2024 to 2025"
    plan.save_revision().publish()
    reports()["memorandum-of-understanding"].delete()

    result = loader.load()

    assert reports()["regional-improvement-plan-2024-25"].title == (
        "Regional Improvement Plan 2024 to 2025"
    )
    assert result.details["reports"][0] == 1  # the deleted one comes back, as pages do
    assert "memorandum-of-understanding" in reports()


def test_a_section_an_editor_opened_up_gets_no_restricted_report_back(demo_db):
    restricted = reports()["unaudited-benchmarking-data-q3-2024-25"]
    section = restricted.get_parent()
    restricted.delete()
    PageViewRestriction.objects.filter(page=section).delete()

    loader.load()

    assert "unaudited-benchmarking-data-q3-2024-25" not in reports()


def test_the_demo_signatory_is_made_once_with_a_printed_password(demo_db):
    with override_settings(DEBUG=True):
        out = io.StringIO()
        call_command("ensure_demo_signatory", stdout=out)
        again = io.StringIO()
        call_command("ensure_demo_signatory", stdout=again)

    password = re.search(r"Password:\s+(\S+)", out.getvalue()).group(1)
    user = get_user_model().objects.get(username=SIGNATORY_USERNAME)
    assert user.check_password(password)
    assert [g.name for g in user.groups.all()] == [SIGNATORIES_GROUP]
    assert "/account/login/" in out.getvalue()
    assert "Password" not in again.getvalue()
    assert ensure_signatory() is None


def test_the_signatory_command_does_nothing_in_production(demo_db):
    out = io.StringIO()
    call_command("ensure_demo_signatory", stdout=out)

    assert "does nothing" in out.getvalue()
    assert not get_user_model().objects.filter(username=SIGNATORY_USERNAME).exists()
