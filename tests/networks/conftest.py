"""Fixtures for the networks' tests: the reports library with a restricted report, and the demo
network lead.

``smtp_server`` (tests/smtp.py) is a real SMTP server on loopback for the tests that send email.
"""

import datetime
import secrets
from types import SimpleNamespace

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.files import csv_file
from networks.factories import (
    AccessGroupFactory,
    CollectionFactory,
    DocumentFactory,
    NetworkPageFactory,
    ReportIndexPageFactory,
    ReportPageFactory,
    ReportSectionPageFactory,
    UserFactory,
    restrict,
)
from networks.models import ReportKind
from seslip.demo.authorities import LEAD_NETWORK, LEAD_USERNAME
from tests.smtp import smtp_server  # noqa: F401 (a fixture)
from tests.two_factor import verified_login

PASSWORD = "correct horse battery"  # UserFactory's
RESTRICTED_TITLE = "Unaudited referrals data, quarter 3"
RESTRICTED_BYTES = csv_file(["Authority", "Referrals"], [["Kent", 389], ["Medway", 402]])


@pytest.fixture
def library(site_root):
    """The library with a public report, and a section and collection restricted to the
    signatories, holding a restricted report whose document is a CSV file."""
    signatories = AccessGroupFactory(
        group__name="Data Sharing Protocol signatories",
        description="Staff of member authorities that have signed the Data Sharing Protocol.",
    )
    index = ReportIndexPageFactory(parent=site_root.home)
    benchmarking = NetworkPageFactory(title="Data Benchmarking Network")
    public_collection = CollectionFactory(name="Reports")
    public = ReportPageFactory(
        parent=index,
        title="Regional Improvement Plan 2024-25",
        slug="regional-improvement-plan-2024-25",
        kind=ReportKind.PLAN,
        date=datetime.date(2024, 6, 10),
        summary="The plan for the year: objectives, workstreams and budget.",
        document__title="Regional Improvement Plan 2024-25",
        document__collection=public_collection,
    )
    section = ReportSectionPageFactory(
        parent=index, title="Restricted benchmarking data", slug="restricted-benchmarking-data"
    )
    restrict(section, signatories.group)
    restricted_collection = CollectionFactory(name="Restricted benchmarking data")
    restrict(restricted_collection, signatories.group)
    document = DocumentFactory(
        title=RESTRICTED_TITLE,
        collection=restricted_collection,
        file__filename="unaudited-referrals-q3.csv",
        file__data=RESTRICTED_BYTES,
    )
    restricted = ReportPageFactory(
        parent=section,
        title=RESTRICTED_TITLE,
        slug="unaudited-referrals-q3",
        kind=ReportKind.DATA,
        network=benchmarking,
        date=datetime.date(2025, 1, 31),
        summary="Quarter 3 figures before audit, with small numbers.",
        document=document,
    )
    member = UserFactory(username="member@kent.gov.uk", groups=[signatories.group])
    outsider = UserFactory(username="outsider@kent.gov.uk")
    return SimpleNamespace(
        index=index,
        public=public,
        section=section,
        restricted=restricted,
        document=document,
        signatories=signatories,
        network=benchmarking,
        member=member,
        outsider=outsider,
    )


def report_form(title, slug, document, **changes):
    """The admin's form for a report page, filled in and published (``"action-publish": ""``:
    saved as a draft)."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2025-03-31",
            "kind": "data",
            "network": "",
            "summary": "Quarter 4 figures.",
            "document": document.pk,
            "superseded_by": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **changes,
        }
    )


# --- the demo network lead ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def network_lead(live_manage):
    """The demo network lead on the live site (made as `ensure_demo_network_lead` makes it),
    with a password set here: their username, password and network slug."""
    password = secrets.token_urlsafe(16)
    live_manage(
        "shell",
        "-c",
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "from seslip.demo.authorities import LEAD_USERNAME, ensure_network_lead\n"
        "ensure_network_lead()\n"
        "lead = get_user_model().objects.get(username=LEAD_USERNAME)\n"
        "lead.set_password(os.environ['LEAD_PASSWORD'])\n"
        "lead.save()\n",
        env={"LEAD_PASSWORD": password},
    )
    return {"username": LEAD_USERNAME, "password": password, "network": LEAD_NETWORK}


@pytest.fixture
def editor(client, site_root):
    """An administrator, logged in with ``client``."""
    user = UserFactory(username="editor@seslip.example", is_superuser=True, is_staff=True)
    verified_login(client, user)
    return user
