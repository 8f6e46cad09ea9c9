"""Where each kind of page may go in the tree, what it may contain, and how many there may be."""

import pytest
from wagtail.models import Page, get_page_models

from benchmarking.models import BenchmarkingIndexPage
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventIndexPage, EventPage
from networks.factories import (
    NetworkIndexPageFactory,
    NetworkPageFactory,
    ReportIndexPageFactory,
    ReportPageFactory,
    ReportSectionPageFactory,
)
from networks.models import (
    NetworkIndexPage,
    NetworkPage,
    ReportIndexPage,
    ReportPage,
    ReportSectionPage,
)
from newsletters.factories import NewsletterIndexPageFactory, WeeklyUpdatePageFactory
from newsletters.models import NewsletterIndexPage, WeeklyUpdatePage
from seslip.factories import (
    ContactsIndexPageFactory,
    HomePageFactory,
    MemberAuthoritiesPageFactory,
    PlanPageFactory,
    StandardPageFactory,
)
from seslip.models import ContactsIndexPage, HomePage, MemberAuthoritiesPage, PlanPage, StandardPage

SECTIONS = [
    NewsletterIndexPage,
    NetworkIndexPage,
    EventIndexPage,
    ContactsIndexPage,
    ReportIndexPage,
]

# Each page type: the types of page it may be created under, and the types it may contain.
RULES = {
    HomePage: ({Page}, {StandardPage, PlanPage, *SECTIONS, BenchmarkingIndexPage}),
    StandardPage: ({HomePage, StandardPage, PlanPage}, {StandardPage}),
    PlanPage: ({HomePage}, {StandardPage}),
    NewsletterIndexPage: ({HomePage}, {WeeklyUpdatePage}),
    WeeklyUpdatePage: ({NewsletterIndexPage}, set()),
    NetworkIndexPage: ({HomePage}, {NetworkPage}),
    # A network's meetings live under it, so that its editors can edit them.
    NetworkPage: ({NetworkIndexPage}, {EventPage}),
    EventIndexPage: ({HomePage}, {EventPage}),
    EventPage: ({EventIndexPage, NetworkPage}, set()),
    ContactsIndexPage: ({HomePage}, {MemberAuthoritiesPage}),
    MemberAuthoritiesPage: ({ContactsIndexPage}, set()),
    ReportIndexPage: ({HomePage}, {ReportSectionPage, ReportPage}),
    ReportSectionPage: ({ReportIndexPage}, {ReportPage}),
    ReportPage: ({ReportIndexPage, ReportSectionPage}, set()),
    BenchmarkingIndexPage: ({HomePage}, set()),
}
ONE_ONLY = {HomePage, *SECTIONS, MemberAuthoritiesPage, BenchmarkingIndexPage}
SECTION_FACTORIES = {
    NewsletterIndexPage: NewsletterIndexPageFactory,
    NetworkIndexPage: NetworkIndexPageFactory,
    EventIndexPage: EventIndexPageFactory,
    ContactsIndexPage: ContactsIndexPageFactory,
    ReportIndexPage: ReportIndexPageFactory,
}
OUR_APPS = {"seslip", "contacts", "networks", "events", "newsletters", "benchmarking"}


@pytest.fixture
def one_of_each(site_root):
    """One page of every type, keyed by type (the tree root as Page)."""
    standard = StandardPageFactory(parent=site_root.home)
    reports = ReportIndexPageFactory(parent=site_root.home)
    return {
        Page: Page.get_first_root_node(),
        HomePage: site_root.home,
        StandardPage: StandardPageFactory(parent=standard),
        PlanPage: PlanPageFactory(parent=site_root.home),
        NewsletterIndexPage: site_root.newsletters,
        WeeklyUpdatePage: WeeklyUpdatePageFactory(parent=site_root.newsletters),
        NetworkIndexPage: site_root.networks,
        NetworkPage: NetworkPageFactory(parent=site_root.networks),
        EventIndexPage: site_root.events,
        EventPage: EventPageFactory(parent=site_root.events),
        ContactsIndexPage: site_root.contacts,
        MemberAuthoritiesPage: MemberAuthoritiesPageFactory(parent=site_root.contacts),
        ReportIndexPage: reports,
        ReportSectionPage: ReportSectionPageFactory(parent=reports),
        ReportPage: ReportPageFactory(parent=reports),
    }


def name(model):
    return model.__name__


def test_every_page_type_has_rules_here():
    ours = {m for m in get_page_models() if m._meta.app_label in OUR_APPS}

    assert ours == set(RULES), "add the new page type to RULES"


@pytest.mark.parametrize("model", RULES, ids=name)
def test_allowed_subpage_models(model):
    assert set(model.allowed_subpage_models()) == RULES[model][1]


@pytest.mark.parametrize("model", RULES, ids=name)
def test_may_only_go_under_its_parent_types(model, one_of_each):
    parents = RULES[model][0]
    for parent_model, parent in one_of_each.items():
        allowed = parent_model in parents
        assert model.can_exist_under(parent) is allowed, f"under {parent_model.__name__}"
        if model not in ONE_ONLY:
            assert model.can_create_at(parent) is allowed, f"under {parent_model.__name__}"


@pytest.mark.parametrize("model", RULES, ids=name)
def test_max_count(model):
    assert model.max_count == (1 if model in ONE_ONLY else None)


def test_only_one_home_page(db):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    HomePageFactory()
    assert not HomePage.can_create_at(root)


@pytest.mark.parametrize("model", SECTIONS, ids=name)
def test_only_one_of_each_section(model, home_page):
    assert model.can_create_at(home_page)
    SECTION_FACTORIES[model](parent=home_page)
    assert not model.can_create_at(home_page)
    # Other sections can still be added beside it.
    assert all(other.can_create_at(home_page) for other in SECTIONS if other is not model)


def test_only_one_member_authorities_page(site_root):
    assert MemberAuthoritiesPage.can_create_at(site_root.contacts)
    MemberAuthoritiesPageFactory(parent=site_root.contacts)
    assert not MemberAuthoritiesPage.can_create_at(site_root.contacts)


def test_home_page_is_the_default_sites_root(site_root):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == site_root.home
    assert site_root.networks.url == "/about-networks/"
    assert site_root.newsletters.url == "/newsletters/"
    assert site_root.events.url == "/events/"
    assert site_root.contacts.url == "/contacts/"
