"""Create the demo content that is missing, and never change anything that exists.

Everything is looked up by a natural key, and created only when the key is missing:

- an organisation or a person by name;
- the home page and each section index page by type (there is one of each);
- any other page by its path under the home page (its slug under its parent), except weekly
  updates, which are looked up by number;
- the site settings by site.

A page's children rows (a network's outputs, an event's participants, the home page's partners)
and a weekly update's news items are created with the page and never looked at again, so editing
or renaming them never brings the originals back. News items are reused by heading when an update
that shows them is created.

When nothing is missing, the loader makes a handful of queries (one per kind of thing) and
creates nothing. Everything runs in one transaction.
"""

import datetime
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, Site

from benchmarking.models import BenchmarkingIndexPage
from contacts.models import Organisation, Person, SiteSettings
from events.models import EventIndexPage, EventPage, EventParticipant
from networks.models import NetworkIndexPage, NetworkOutput, NetworkPage
from networks.permissions import ensure_network_editors
from newsletters.models import NewsItem, NewsletterIndexPage, WeeklyUpdatePage
from seslip.models import (
    ContactsIndexPage,
    HomePage,
    MemberAuthoritiesPage,
    PlanPage,
    StandardPage,
)

from . import authorities as authorities_data
from . import benchmarking as benchmarking_data
from . import events as events_data
from . import networks as networks_data
from . import pages as pages_data
from . import plan as plan_data
from . import reports as reports_data
from . import updates as updates_data
from .organisations import ORGANISATIONS
from .people import PEOPLE

LONDON = ZoneInfo("Europe/London")
PAGE_LINK = re.compile(r'<a page="([^"]*)">(.*?)</a>', re.DOTALL)

# Wagtail's migrations create this page as the site's root; the home page replaces it.
WELCOME_TITLE = "Welcome to your new Wagtail site!"


@dataclass
class Result:
    created: int = 0
    present: int = 0
    seconds: float = 0.0
    details: dict = field(default_factory=dict)

    def summary(self):
        return (
            f"Demo content: {self.created} created, {self.present} already present "
            f"({self.seconds:.2f} s)"
        )


def _fields(model, **values):
    """The values for the model's fields only, so that the data can name a field before (or
    after) the model has it."""
    names = {f.attname for f in model._meta.concrete_fields} | {
        f.name for f in model._meta.concrete_fields
    }
    return {name: value for name, value in values.items() if name in names}


def load():
    """Create the missing demo content."""
    started = time.perf_counter()
    loader = _Loader()
    with transaction.atomic():
        loader.run()
    loader.result.seconds = time.perf_counter() - started
    return loader.result


class _Loader:
    def __init__(self):
        self.result = Result()
        self.organisation_ids = {}
        self.person_ids = {}
        self.home = None
        # Existing pages, by path under the home page ("events", "about-networks/early-help").
        self.paths = {}
        self.section_ids = {}
        # Pages created in this run: (page, {field: raw value}) to resolve links and publish.
        self.to_publish = []
        self.created_pages = {}

    # --- bookkeeping -------------------------------------------------------------------------

    def _count(self, kind, created):
        if created:
            self.result.created += 1
        else:
            self.result.present += 1
        counts = self.result.details.setdefault(kind, [0, 0])
        counts[0 if created else 1] += 1

    def run(self):
        self.organisations()
        self.people()
        self.home_page()
        self.sections()
        self.benchmarking()
        self.network_editors()
        self.benchmarking_loaders()
        self.site_settings()
        reports_data.load(self)  # the reports library: its groups, collections and files
        self.publish()

    # --- organisations and people --------------------------------------------------------------

    def organisations(self):
        self.organisation_ids = self._add_by_name(
            "organisations",
            Organisation,
            ORGANISATIONS,
            lambda data: {
                "short_name": data.get("short_name", ""),
                "kind": data["kind"],
                "description": data.get("description", ""),
                "website": data.get("website", ""),
                "email_domains": data.get("email_domains", ""),
            },
        )

    def people(self):
        self.person_ids = self._add_by_name(
            "people",
            Person,
            PEOPLE,
            lambda data: {
                "role": data.get("role", ""),
                "organisation_id": self.organisation_ids.get(data.get("organisation")),
                "phone": data.get("phone", ""),
                "email": data.get("email", ""),
                "has_left": data.get("has_left", False),
            },
        )

    def _add_by_name(self, kind, model, rows, fields):
        """Create each row whose name is not in the database yet (``fields`` gives the rest of
        its fields); the ids of all of them by name."""
        ids = dict(model.objects.values_list("name", "id"))
        for data in rows:
            if data["name"] in ids:
                self._count(kind, False)
                continue
            ids[data["name"]] = model.objects.create(name=data["name"], **fields(data)).pk
            self._count(kind, True)
        return ids

    def _organisation_by_short_name(self, short_name):
        for data in ORGANISATIONS:
            if data.get("short_name") == short_name or data["name"] == short_name:
                return self.organisation_ids.get(data["name"])
        return None

    # --- pages ---------------------------------------------------------------------------------

    def home_page(self):
        self.home = HomePage.objects.first()
        if self.home is not None:
            self._count("pages", False)
            home_path = self.home.url_path
            # One query for every page the demo content could contain: the home page's children,
            # theirs (networks, events, updates) and network meetings under network pages.
            rows = Page.objects.filter(
                path__startswith=self.home.path, depth__in=(3, 4, 5)
            ).values_list("url_path", "id", "content_type_id", "depth")
            section_types = self._section_types()
            for url_path, page_id, content_type_id, depth in rows:
                self.paths[url_path[len(home_path) :].strip("/")] = page_id
                if depth == 3 and content_type_id in section_types:
                    self.section_ids.setdefault(section_types[content_type_id], page_id)
            return

        data = pages_data.HOME
        root = Page.get_first_root_node()
        site = (
            Site.objects.filter(is_default_site=True).first()
            or Site.objects.filter(hostname="localhost", port=80).first()
        )
        if site is not None:
            # Point the site at the tree's root while its old root page goes, so that deleting
            # that page does not delete the site (and its settings) with it.
            site.root_page = root
            site.save()
        for page in Page.objects.child_of(root).filter(slug=data["slug"]):
            if page.title == WELCOME_TITLE and page.numchild == 0:
                page.delete()
        root.refresh_from_db()
        slug = data["slug"]
        if Page.objects.child_of(root).filter(slug=slug).exists():
            slug = "seslip"
        home = HomePage(
            title=data["title"],
            slug=slug,
            seo_title=data["seo_title"],
            search_description=data["search_description"],
            intro=data["intro"],
            what_we_do=data["what_we_do"],
            purpose=data["purpose"],
            partners_intro=data["partners_intro"],
            live=False,
        )
        for index, name in enumerate(data["partners"]):
            home.partners.create(organisation_id=self.organisation_ids[name], sort_order=index)
        root.add_child(instance=home)
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                site_name="SESLIP",
                root_page=home,
                is_default_site=True,
            )
        else:
            site.root_page = home
            site.is_default_site = True
            site.site_name = site.site_name or "SESLIP"
            site.save()
        self.home = home
        self.to_publish.append((home, {f: data[f] for f in ("intro", "what_we_do", "purpose")}))
        self._count("pages", True)

    @staticmethod
    def _section_types():
        models = {
            "networks": NetworkIndexPage,
            "newsletters": NewsletterIndexPage,
            "events": EventIndexPage,
            "contacts": ContactsIndexPage,
        }
        types = ContentType.objects.get_for_models(*models.values())
        return {types[model].id: name for name, model in models.items()}

    def _parent(self, page_id):
        """A page to add children to: the instance made in this run (its tree fields are
        current, and it is the one published at the end), or the page from the database."""
        if page_id in self.created_pages:
            return self.created_pages[page_id]
        return Page.objects.get(pk=page_id).specific

    def _add_page(self, parent, page, raw_fields=None):
        """Add ``page`` (unpublished) under ``parent``; it is published at the end of the run."""
        page.live = False
        parent.add_child(instance=page)
        self.created_pages[page.pk] = page
        self.paths[page.url_path[len(self.home.url_path) :].strip("/")] = page.pk
        self.to_publish.append((page, raw_fields or {}))
        self._count("pages", True)
        return page

    def _existing(self, path):
        if path in self.paths:
            self._count("pages", False)
            return True
        return False

    def sections(self):
        for kind, data in pages_data.SECTIONS:
            if kind == "standard":
                self.standard_page(data)
            elif kind == "plan":
                self.standard_page(data, model=PlanPage)
            elif kind == "networks":
                self.networks()
            elif kind == "newsletters":
                self.newsletters()
            elif kind == "events":
                self.events()
            elif kind == "contacts":
                self.contacts(data)

    def _section(self, kind, model, data):
        """The section index page of this kind: the existing one, or a new one."""
        if kind in self.section_ids:
            self._count("pages", False)
            return self.section_ids[kind], None
        page = model(
            title=data["title"],
            slug=data["slug"],
            intro=data.get("intro", ""),
            show_in_menus=True,
        )
        self._add_page(self.home, page, {"intro": data.get("intro", "")})
        self.section_ids[kind] = page.pk
        return page.pk, page

    def _section_path(self, kind, page_id):
        for path, existing_id in self.paths.items():
            if existing_id == page_id:
                return path
        return kind

    def benchmarking(self):
        data = benchmarking_data.PAGE
        if self._existing(data["slug"]):
            return
        page = BenchmarkingIndexPage(
            title=data["title"], slug=data["slug"], intro=data["intro"], show_in_menus=True
        )
        self._add_page(self.home, page, {"intro": data["intro"]})

    def standard_page(self, data, model=StandardPage):
        if self._existing(data["slug"]):
            return
        page = model(
            title=data["title"],
            slug=data["slug"],
            intro=data.get("intro", ""),
            body=data.get("body", []),
            show_in_menus=data.get("show_in_menus", False),
            menu_title=data.get("menu_title", ""),
        )
        self._add_page(self.home, page, {"body": data.get("body", [])})

    def contacts(self, data):
        index_id, index = self._section("contacts", ContactsIndexPage, data)
        page_data = authorities_data.MEMBER_AUTHORITIES_PAGE
        base = self._section_path("contacts", index_id)
        if self._existing(f"{base}/{page_data['slug']}"):
            return
        page = MemberAuthoritiesPage(
            title=page_data["title"], slug=page_data["slug"], intro=page_data["intro"]
        )
        self._add_page(index or self._parent(index_id), page)

    def networks(self):
        index_id, index = self._section("networks", NetworkIndexPage, networks_data.INDEX)
        base = self._section_path("about-networks", index_id)
        for data in networks_data.WORKSTREAMS:
            if self._existing(f"{base}/{data['slug']}"):
                continue
            index = index or self._parent(index_id)
            amount, note = plan_data.BUDGET_LINES[data.get("budget_line", data["number"])]
            page = NetworkPage(
                title=data["title"],
                slug=data["slug"],
                kind=data["kind"],
                number=data["number"],
                purpose=data["purpose"],
                sponsor_id=self.person_ids.get(data["sponsor"]),
                sponsor_title=data.get("sponsor_title", networks_data.DCS_SPONSOR),
                project_manager_id=self.person_ids.get(data["project_manager"]),
                project_manager_title=data.get(
                    "project_manager_title", networks_data.PROJECT_MANAGER
                ),
                budget=None if amount is None else Decimal(amount),
                budget_year=plan_data.BUDGET_YEAR,
                budget_note=note,
            )
            for order, (text, status) in enumerate(data["outputs"]):
                page.outputs.add(NetworkOutput(text=text, status=status, sort_order=order))
            page.member_authorities = self._member_authorities(data)
            self._add_page(index, page)
            # As when an editor adds a network in the admin: its editors group and
            # document collection.
            ensure_network_editors(page)

    def _member_authorities(self, workstream):
        """The member authorities known to take part in a workstream.

        Objects, not ids: modelcluster sets ids straight in the database, which an unsaved page
        does not have yet; objects are kept with the page and saved with it."""
        if not hasattr(self, "_members"):
            self._members = {
                org.name: org for org in Organisation.objects.filter(kind=Organisation.Kind.MEMBER)
            }
        names = authorities_data.taking_part(workstream)
        return [self._members[name] for name in names if name in self._members]

    def network_editors(self):
        """Every network has its editors group and collection (one query when all have). The
        demo network lead is made by `ensure_demo_network_lead`, under DEBUG only."""
        for network in NetworkPage.objects.filter(
            Q(editors__isnull=True) | Q(collection__isnull=True)
        ):
            ensure_network_editors(network)

    def benchmarking_loaders(self):
        """The Data Benchmarking Network's editors may load benchmarking releases."""
        permission = Permission.objects.get(
            content_type__app_label="benchmarking", codename="add_release"
        )
        editors = NetworkPage.objects.filter(slug=benchmarking_data.LOADERS).values("editors")
        for group in Group.objects.filter(pk__in=editors).exclude(permissions=permission):
            group.permissions.add(permission)

    def events(self):
        index_id, index = self._section("events", EventIndexPage, events_data.INDEX)
        base = self._section_path("events", index_id)
        network_base = self._section_path("about-networks", self.section_ids.get("networks"))
        missing = []
        for data in [*events_data.EVENTS, *events_data.REGULAR_MEETINGS, *authorities_data.TRIADS]:
            # Under the events page, or under its network's page (see events.py).
            paths = [f"{base}/{data['slug']}"]
            if data.get("network"):
                paths.append(f"{network_base}/{data['network']}/{data['slug']}")
            if any(path in self.paths for path in paths):
                self._count("pages", False)
            else:
                missing.append(data)
        if not missing:
            return
        index = index or self._parent(index_id)
        meetings_under_networks = EventPage in NetworkPage.allowed_subpage_models()
        for data in missing:
            day = data["date"]
            all_day = data.get("all_day", False)
            start = datetime.datetime.combine(
                day, datetime.time.min if all_day else data["start"], tzinfo=LONDON
            )
            end = None
            if not all_day and data.get("end"):
                end = datetime.datetime.combine(day, data["end"], tzinfo=LONDON)
            elif all_day and data.get("end_date"):
                end = datetime.datetime.combine(data["end_date"], datetime.time.min, tzinfo=LONDON)
            network_id = None
            if data.get("network"):
                network_id = self.paths.get(f"{network_base}/{data['network']}")
            page = EventPage(
                **_fields(
                    EventPage,
                    title=data["title"],
                    slug=data["slug"],
                    kind=data.get("kind", events_data.MEETING),
                    start=start,
                    end=end,
                    all_day=all_day,
                    description=data.get("description", ""),
                    location=data["location"],
                    venue=data.get("venue", ""),
                    repeat=data.get("repeat", ""),
                    repeat_on=data.get("repeat_on", "weekday"),
                    online_platform=data.get("online_platform", ""),
                    joining_instructions=data.get("joining_instructions", ""),
                    network_id=network_id,
                    contact_id=self.person_ids.get(data.get("contact")),
                )
            )
            for order, (short_name, role) in enumerate(data.get("participants", [])):
                organisation_id = self._organisation_by_short_name(short_name)
                if organisation_id:
                    page.participants.add(
                        EventParticipant(
                            organisation_id=organisation_id, role=role, sort_order=order
                        )
                    )
            parent = index
            if data.get("under_network") and meetings_under_networks and network_id:
                parent = self._parent(network_id)
            self._add_page(parent, page)

    # --- weekly updates and news items ---------------------------------------------------------

    def newsletters(self):
        index_id, index = self._section("newsletters", NewsletterIndexPage, updates_data.INDEX)
        numbers = set(WeeklyUpdatePage.objects.values_list("number", flat=True))
        missing = []
        for data in updates_data.UPDATES:
            if data["number"] in numbers:
                self._count("pages", False)
            else:
                missing.append(data)
        created_items = set()
        items = self._news_items(missing, created_items) if missing else {}
        for data in updates_data.NEWS_ITEMS:
            if data["heading"] not in created_items:
                self._count("news items", False)
        if not missing:
            return
        index = index or self._parent(index_id)
        for data in missing:
            page = WeeklyUpdatePage(
                title=f"Update no {data['number']}",
                number=data["number"],
                date=data["date"],
                intro=data["intro"],
                search_description=data.get("search_description", ""),
                body=self._update_stream(data["body"], items),
                reminders=self._update_stream(data["reminders"], items),
            )
            self._add_page(index, page, {"intro": data["intro"]})

    def _news_items(self, updates, created):
        """The news items the given updates show, by heading: existing ones, or new ones."""
        headings = {
            value
            for data in updates
            for block_type, value in [*data["body"], *data["reminders"]]
            if block_type == "news_item"
        }
        items = dict(NewsItem.objects.filter(heading__in=headings).values_list("heading", "id"))
        network_base = self._section_path("about-networks", self.section_ids.get("networks"))
        for data in updates_data.NEWS_ITEMS:
            heading = data["heading"]
            if heading not in headings:
                continue
            if heading in items:
                continue
            item = NewsItem(
                heading=heading,
                body=self._resolve_links(data["body"]),
                action_required=self._resolve_links(data.get("action_required", "")),
                action_by=data.get("action_by"),
                remind_until=data.get("remind_until"),
            )
            item.save()
            # By primary key, after saving: modelcluster cannot sort Person objects in memory
            # (Person's ordering is Lower("name"), an expression).
            item.people.set(
                [self.person_ids[name] for name in data["people"] if name in self.person_ids]
            )
            item.networks.set(
                [
                    self.paths[f"{network_base}/{slug}"]
                    for slug in data["networks"]
                    if f"{network_base}/{slug}" in self.paths
                ]
            )
            items[heading] = item.pk
            created.add(heading)
            self._count("news items", True)
        return items

    @staticmethod
    def _update_stream(blocks, items):
        stream = []
        for block_type, value in blocks:
            if block_type == "news_item":
                stream.append({"type": "news_item", "value": items[value]})
            elif block_type == "table":
                stream.append(
                    {
                        "type": "table",
                        "value": {
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                            "table_header_choice": "row",
                            "cell": [],
                            "mergeCells": [],
                            **value,
                        },
                    }
                )
            else:
                stream.append({"type": block_type, "value": value})
        return stream

    # --- site settings -------------------------------------------------------------------------

    def site_settings(self):
        data = pages_data.SITE_SETTINGS
        row = (
            SiteSettings.objects.filter(site__is_default_site=True)
            .values("id", "programme_manager_id", "contact_email")
            .first()
        )
        if row and (row["programme_manager_id"] or row["contact_email"]):
            self._count("site settings", False)
            return
        values = {
            "programme_manager_id": self.person_ids.get(data["programme_manager"]),
            "contact_email": data["contact_email"],
        }
        if row:
            # An empty row, made when a page first read the settings: nobody has edited it.
            SiteSettings.objects.filter(pk=row["id"]).update(**values)
        else:
            site = Site.objects.get(is_default_site=True)
            SiteSettings.objects.create(site=site, **values)
        self._count("site settings", True)

    # --- links and publishing ------------------------------------------------------------------

    def _resolve_links(self, value):
        """Turn ``<a page="path">`` into Wagtail page links, in text or raw stream data."""
        if isinstance(value, str):

            def link(match):
                page_id = self.paths.get(match.group(1).strip("/"))
                if page_id is None:
                    return match.group(2)  # the page has gone: keep the words, drop the link
                return f'<a linktype="page" id="{page_id}">{match.group(2)}</a>'

            return PAGE_LINK.sub(link, value)
        if isinstance(value, list):
            return [self._resolve_links(item) for item in value]
        if isinstance(value, dict):
            return {key: self._resolve_links(item) for key, item in value.items()}
        return value

    def publish(self):
        """Publish every page created in this run, with links to the other pages resolved."""
        for page, raw_fields in self.to_publish:
            for name, raw in raw_fields.items():
                setattr(page, name, self._resolve_links(raw))
            page.save_revision().publish()
