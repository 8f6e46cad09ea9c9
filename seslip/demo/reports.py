"""The reports library: public reports, restricted benchmarking data and a network's shared
documents, with their groups, collections and files: the real documents of documents.py (tagged
PDFs, committed), and small files made in code for the rest (PDF and CSV).

``load(loader)`` follows the loader's rules: it creates what is missing and changes nothing that
exists. Pages are found by their path under the library, groups and collections by name. A report's
document is made with the report. A restricted report is only made inside a section and a
collection that are still restricted: if an editor has opened one up, its demo reports are left out
rather than published to everyone.

``ensure_signatory()`` makes the demo signatory account once and returns its random password (the
``ensure_demo_signatory`` command prints it, as ``ensure_admin`` does for the admin).
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from core.files import csv_file, pdf
from networks.access import SIGNATORIES_GROUP
from networks.models import AccessGroup, ReportIndexPage, ReportKind, ReportPage, ReportSectionPage

from . import documents
from . import plan as plan_data
from .networks import INDEX as NETWORKS_INDEX
from .stream import h2, p

QA_NETWORK = "quality-assurance-network"
PEER_CHALLENGE_NETWORK = "dcs-self-assessment-and-peer-challenge"
BENCHMARKING_NETWORK = "data-benchmarking-network"
QA_MEMBERS_GROUP = "Quality Assurance Network members"

SIGNATORY_USERNAME = "demo.signatory@example.org"
SIGNATORY_NAME = ("Sam", "Signatory")

PUBLIC_COLLECTION = "Reports"
RESTRICTED_COLLECTION = "Restricted benchmarking data"
QA_COLLECTION = "Quality Assurance Network: shared documents"

GROUPS = [
    {
        "name": SIGNATORIES_GROUP,
        "description": (
            "Staff of the member authorities that have signed the SESLIP Data Sharing Protocol. "
            "They may open unaudited, suppressed and other non-public benchmarking figures."
        ),
        "network": BENCHMARKING_NETWORK,
    },
    {
        "name": QA_MEMBERS_GROUP,
        "description": (
            "Members of the Quality Assurance Network: the quality assurance leads of the member "
            "authorities. They may open the network's shared audit documents."
        ),
        "network": QA_NETWORK,
    },
]

# Collections: name -> the group its privacy admits (None: public).
COLLECTIONS = {
    PUBLIC_COLLECTION: None,
    RESTRICTED_COLLECTION: SIGNATORIES_GROUP,
    QA_COLLECTION: QA_MEMBERS_GROUP,
}

INDEX = {
    "slug": "reports",
    "title": "Reports",
    "intro": (
        "<p>The programme’s reports, plans, toolkits and agreements: the Regional Improvement "
        "Plan of each year, the Memorandum of Understanding, the Data Sharing Protocol and the "
        "benchmarking reports of the Data Benchmarking Network.</p>"
    ),
}

SECTIONS = [
    {
        "slug": "restricted-benchmarking-data",
        "title": "Restricted benchmarking data",
        "intro": (
            "<p>Unaudited and suppressed benchmarking figures, for staff of the authorities that "
            "have signed the Data Sharing Protocol only. Do not share them outside your "
            "authority.</p>"
        ),
        "group": SIGNATORIES_GROUP,
    },
    {
        "slug": "quality-assurance-network-shared-documents",
        "title": "Quality Assurance Network: shared documents",
        "intro": "<p>Audit tools and findings the network’s members share with each other.</p>",
        "group": QA_MEMBERS_GROUP,
    },
]

PLAN_TEXT = [
    "The purpose of this regional improvement plan is to identify action that will improve "
    "outcomes for children and young people across the South East.",
    "It sets out the programme's workstreams: 12 practice networks and five projects, with "
    "their sponsors, project managers, outputs for the year and budget lines.",
    "This file is demonstration content for the SESLIP website.",
]

BENCHMARK_ROWS = [
    ("Bracknell Forest", 312, 48.1, 91),
    ("Brighton and Hove", 355, 61.0, 88),
    ("Buckinghamshire", 298, 39.5, 93),
    ("East Sussex", 347, 52.3, 90),
    ("Hampshire", 322, 44.7, 94),
    ("Kent", 389, 57.9, 86),
]

# Each report: section (None: directly in the library), slug, title, date, kind, network slug,
# summary, collection, file name and a function that makes the file's bytes.
REPORTS = [
    {
        "section": None,
        "slug": "regional-improvement-plan-2024-25",
        "title": "Regional Improvement Plan 2024-25",
        "date": datetime.date(2024, 6, 10),
        "kind": ReportKind.PLAN,
        "network": None,
        "summary": (
            "The plan for 2024-25: its objectives, the 17 workstreams, the triad peer challenge "
            "reports and the budget. Approved by the SESLIP Steering Group on 10 June 2024. "
            "The whole plan is also on this website as a web page: Regional Improvement Plan "
            "2024-25, in the main menu."
        ),
        "file": "regional-improvement-plan-2024-25.pdf",
        "content": lambda: documents.pdf_bytes("regional-improvement-plan-2024-25"),
    },
    {
        "section": None,
        "slug": "dcs-peer-challenge-triad-reports-2023-24",
        "title": "DCS peer challenge triad reports 2023-24",
        "date": datetime.date(2024, 6, 10),
        "kind": ReportKind.EVALUATION,
        "network": PEER_CHALLENGE_NETWORK,
        "summary": (
            "What the six DCS peer challenge triads of 2023-24 found, authority by authority, and "
            "the themes common to them: Appendix 1 of the Regional Improvement Plan 2024-25, "
            "whose web page has the same text."
        ),
        "file": "dcs-peer-challenge-triad-reports-2023-24.pdf",
        "content": lambda: documents.pdf_bytes("dcs-peer-challenge-triad-reports-2023-24"),
    },
    {
        "section": None,
        "slug": "weekly-update-298",
        "title": "Weekly update no. 298, 20 April 2018",
        "date": datetime.date(2018, 4, 20),
        "kind": ReportKind.OTHER,
        "network": None,
        "summary": (
            "The weekly update of 20 April 2018 as a document to print or keep: the 2018-19 DCS "
            "peer challenge consultation, the Data Benchmarking Group and the reminders. The "
            "same update is a web page in the weekly updates archive."
        ),
        "file": "weekly-update-298.pdf",
        "content": lambda: documents.pdf_bytes("weekly-update-298"),
    },
    {
        "section": None,
        "slug": "regional-improvement-plan-2023-24",
        "title": "Regional Improvement Plan 2023-24",
        "date": datetime.date(2023, 6, 12),
        "kind": ReportKind.PLAN,
        "network": None,
        "summary": "Last year’s plan, with its workstreams and budget.",
        "superseded_by": "regional-improvement-plan-2024-25",
        "file": "regional-improvement-plan-2023-24.pdf",
        "content": lambda: pdf("Regional Improvement Plan 2023-24", PLAN_TEXT),
    },
    {
        "section": None,
        "slug": "memorandum-of-understanding",
        "title": "SESLIP Memorandum of Understanding",
        "date": datetime.date(2023, 4, 1),
        "kind": ReportKind.MOU,
        "network": None,
        "summary": (
            "The Memorandum of Understanding that founds the programme, agreed nationally and in "
            "the South East, which each member authority signs."
        ),
        "file": "seslip-memorandum-of-understanding.pdf",
        "content": lambda: pdf(
            "SESLIP Memorandum of Understanding",
            [
                "The authorities that sign this memorandum agree to take part in sector-led "
                "improvement: self-assessment, peer challenge and the sharing of data and "
                "practice.",
                "This file is demonstration content for the SESLIP website.",
            ],
        ),
    },
    {
        "section": None,
        "slug": "data-sharing-protocol",
        "title": "SESLIP Data Sharing Protocol",
        "date": datetime.date(2023, 9, 1),
        "kind": ReportKind.PROTOCOL,
        "network": BENCHMARKING_NETWORK,
        "summary": (
            "How member authorities share unaudited benchmarking data with each other, and who "
            "may see it. Staff of the authorities that sign it may open the restricted "
            "benchmarking data."
        ),
        "file": "seslip-data-sharing-protocol.pdf",
        "content": lambda: pdf(
            "SESLIP Data Sharing Protocol",
            [
                "Signatory authorities share quarterly, unaudited figures for benchmarking. The "
                "figures are for the staff of signatory authorities only and are not published.",
                "This file is demonstration content for the SESLIP website.",
            ],
        ),
    },
    {
        "section": None,
        "slug": "benchmarking-report-2023-24",
        "title": "South East children’s services benchmarking report 2023-24",
        "date": datetime.date(2024, 10, 15),
        "kind": ReportKind.BENCHMARKING,
        "network": BENCHMARKING_NETWORK,
        "summary": (
            "The freely available benchmarking report: published figures for the 19 member "
            "authorities, compared with England and statistical neighbours."
        ),
        "file": "benchmarking-report-2023-24.pdf",
        "content": lambda: pdf(
            "South East children's services benchmarking report 2023-24",
            [
                "Published figures for the 19 member authorities of SESLIP.",
                "This file is demonstration content for the SESLIP website.",
            ],
        ),
    },
    {
        "section": "restricted-benchmarking-data",
        "slug": "unaudited-benchmarking-data-q3-2024-25",
        "title": "Unaudited benchmarking data, quarter 3 2024-25",
        "date": datetime.date(2025, 1, 31),
        "kind": ReportKind.DATA,
        "network": BENCHMARKING_NETWORK,
        "summary": (
            "Quarter 3 figures from the signatory authorities, before audit: referrals, "
            "re-referrals and assessments completed in time. Small numbers are not suppressed."
        ),
        "file": "unaudited-benchmarking-data-q3-2024-25.csv",
        "content": lambda: csv_file(
            [
                "Authority",
                "Referrals per 10,000 children",
                "Re-referrals within 12 months (%)",
                "Assessments within 45 days (%)",
            ],
            BENCHMARK_ROWS,
        ),
    },
    {
        "section": "restricted-benchmarking-data",
        "slug": "restricted-benchmarking-report-q3-2024-25",
        "title": "Restricted benchmarking report, quarter 3 2024-25",
        "date": datetime.date(2025, 2, 14),
        "kind": ReportKind.BENCHMARKING,
        "network": BENCHMARKING_NETWORK,
        "summary": (
            "The quarter 3 report on the unaudited figures, authority by authority, for the "
            "Data Benchmarking Network's meeting."
        ),
        "file": "restricted-benchmarking-report-q3-2024-25.pdf",
        "content": lambda: pdf(
            "Restricted benchmarking report, quarter 3 2024-25",
            [
                "Unaudited figures of the signatory authorities. Not for publication.",
                "This file is demonstration content for the SESLIP website.",
            ],
        ),
    },
    {
        "section": "quality-assurance-network-shared-documents",
        "slug": "multi-agency-audit-findings-2024",
        "title": "Multi-agency audit findings 2024",
        "date": datetime.date(2024, 11, 20),
        "kind": ReportKind.EVALUATION,
        "network": QA_NETWORK,
        "summary": "What the members’ joint audits of 2024 found, for discussion in the network.",
        "file": "multi-agency-audit-findings-2024.pdf",
        "content": lambda: pdf(
            "Multi-agency audit findings 2024",
            [
                "Findings of the Quality Assurance Network's joint audits, for members only.",
                "This file is demonstration content for the SESLIP website.",
            ],
        ),
    },
]

SECTION_COLLECTIONS = {
    None: PUBLIC_COLLECTION,
    "restricted-benchmarking-data": RESTRICTED_COLLECTION,
    "quality-assurance-network-shared-documents": QA_COLLECTION,
}

# Links added to the plan page when the loader makes it (never to an existing plan page).
PLAN_LINKS = [
    h2("Documents"),
    p(
        "Download the "
        '<a page="reports/regional-improvement-plan-2024-25">Regional Improvement Plan 2024-25</a>'
        " (an accessible PDF of this page), its "
        '<a page="reports/dcs-peer-challenge-triad-reports-2023-24">triad reports</a> on their own'
        ', the <a page="reports/memorandum-of-understanding">Memorandum of Understanding</a> and '
        'the <a page="reports/data-sharing-protocol">Data Sharing Protocol</a> from the '
        '<a page="reports">reports library</a>.'
    ),
]


def load(loader):
    """Create the missing groups, collections and reports (called by loader.run)."""
    _Reports(loader).run()


class _Reports:
    def __init__(self, loader):
        self.loader = loader
        self.groups = {}
        self.collections = {}

    def run(self):
        self.ensure_groups()
        self.ensure_collections()
        index = self.library()
        existing = dict(Page.objects.descendant_of(index).values_list("url_path", "id"))
        base = index.url_path
        sections = {}
        for data in SECTIONS:
            sections[data["slug"]] = self.section(index, base, existing, data)
        reports = {}
        for data in REPORTS:
            parent = index if data["section"] is None else sections[data["section"]]
            path = f"{base}{data['section'] + '/' if data['section'] else ''}{data['slug']}/"
            if path in existing:
                self.loader._count("reports", False)
                reports[data["slug"]] = existing[path]
                continue
            if parent is None or (data["section"] and not self.restricted(parent, data)):
                continue  # the section has gone, or is no longer restricted: leave it out
            page = self.report(parent, data, reports)
            reports[data["slug"]] = page.pk
        self.link_from_plan()

    # --- groups and collections ----------------------------------------------------------------

    def ensure_groups(self):
        networks_base = NETWORKS_INDEX["slug"]
        self.groups = {
            g.name: g for g in Group.objects.filter(name__in=[d["name"] for d in GROUPS])
        }
        described = set(
            AccessGroup.objects.filter(group__name__in=[d["name"] for d in GROUPS]).values_list(
                "group__name", flat=True
            )
        )
        for data in GROUPS:
            if data["name"] not in self.groups:
                self.groups[data["name"]] = Group.objects.create(name=data["name"])
                self.loader._count("groups", True)
            if data["name"] not in described:
                AccessGroup.objects.create(
                    group=self.groups[data["name"]],
                    description=data["description"],
                    network_id=self.loader.paths.get(f"{networks_base}/{data['network']}"),
                )

    def ensure_collections(self):
        root = Collection.get_first_root_node()
        self.collections = {c.name: c for c in root.get_children().filter(name__in=COLLECTIONS)}
        before = set(self.collections)
        for name, group_name in COLLECTIONS.items():
            if name in self.collections:
                continue
            collection = root.add_child(name=name)
            if group_name:
                restriction = CollectionViewRestriction.objects.create(
                    collection=collection, restriction_type=BaseViewRestriction.GROUPS
                )
                restriction.groups.set([self.groups[group_name]])
            self.collections[name] = collection
            self.loader._count("collections", True)
        if len(self.collections) > len(before):
            # Collections keep their siblings sorted by name (node_order_by), so adding one can
            # move the others' paths in the database: read them again, or restricted() would
            # look at a stale path and leave the restricted reports out until the next run.
            self.collections = {c.name: c for c in root.get_children().filter(name__in=COLLECTIONS)}

    # --- pages ---------------------------------------------------------------------------------

    def library(self):
        index = ReportIndexPage.objects.first()
        if index is not None:
            self.loader._count("pages", False)
            return index
        index = ReportIndexPage(
            title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"], show_in_menus=True
        )
        return self.loader._add_page(self.loader.home, index, {"intro": INDEX["intro"]})

    def section(self, index, base, existing, data):
        path = f"{base}{data['slug']}/"
        if path in existing:
            self.loader._count("pages", False)
            return Page.objects.get(pk=existing[path])
        page = ReportSectionPage(title=data["title"], slug=data["slug"], intro=data["intro"])
        self.loader._add_page(index, page)
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set([self.groups[data["group"]]])
        return page

    def restricted(self, section, data):
        collection = self.collections[SECTION_COLLECTIONS[data["section"]]]
        return (
            section.get_view_restrictions().exists() and collection.get_view_restrictions().exists()
        )

    def report(self, parent, data, reports):
        Document = get_document_model()
        document = Document(
            title=data["title"], collection=self.collections[SECTION_COLLECTIONS[data["section"]]]
        )
        document.file.save(data["file"], ContentFile(data["content"]()), save=False)
        document._set_document_file_metadata()
        document.save()
        networks_base = NETWORKS_INDEX["slug"]
        page = ReportPage(
            title=data["title"],
            slug=data["slug"],
            date=data["date"],
            kind=data["kind"],
            network_id=(
                self.loader.paths.get(f"{networks_base}/{data['network']}")
                if data["network"]
                else None
            ),
            summary=data["summary"],
            document=document,
            superseded_by_id=reports.get(data.get("superseded_by")),
        )
        self.loader._add_page(parent, page)
        self.loader._count("reports", True)
        return page

    def link_from_plan(self):
        """The plan page links to the plan, MoU and protocol, when the loader makes it now."""
        for page, raw_fields in self.loader.to_publish:
            if page.slug == plan_data.SLUG and "body" in raw_fields:
                raw_fields["body"] = [*raw_fields["body"], *PLAN_LINKS]


# --- the demo signatory ----------------------------------------------------------------------


def ensure_signatory():
    """Make the demo signatory account, once. Returns its new password, or None if it exists
    (or the signatories' group does not, because the demo content has not been loaded)."""
    group = Group.objects.filter(name=SIGNATORIES_GROUP).first()
    User = get_user_model()
    if group is None or User.objects.filter(username=SIGNATORY_USERNAME).exists():
        return None
    password = secrets.token_urlsafe(12)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=SIGNATORY_USERNAME,
                email=SIGNATORY_USERNAME,
                password=password,
                first_name=SIGNATORY_NAME[0],
                last_name=SIGNATORY_NAME[1],
            )
            user.groups.add(group)
    except IntegrityError:
        return None
    return password
