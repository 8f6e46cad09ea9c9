"""Factories for the home page, standard pages, the directory pages and site settings.

``HomePageFactory`` makes the home page the root of the default Site, in place of the welcome page
that Wagtail's migrations create, so pages made under it are served at their real addresses. The
sections' factories (core.factories) put their pages under it, so it is made first.
"""

import factory
import wagtail_factories
from django.db import transaction
from django.db.models import F
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from contacts.models import SiteSettings
from core.factories import section_page_factory, under

from .demo import pages as demo_pages
from .models import (
    ContactsIndexPage,
    HomePage,
    HomePagePartner,
    MemberAuthoritiesPage,
    PlanPage,
    StandardPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "South East Sector Led Improvement Programme"
    slug = "home"
    intro = (
        "<p>SESLIP is the Regional Improvement and Innovation Alliance of the 19 local "
        "authorities' children's services in the South East of England.</p>"
    )
    what_we_do = "<p>We run practice networks, peer challenge and regional projects.</p>"
    purpose = "<p>This website shares the programme's updates, networks and events.</p>"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage

    @classmethod
    @transaction.atomic  # the default Site points at no page for a moment
    def _create(cls, model_class, *args, **kwargs):
        root = kwargs["parent"]
        # Wagtail's welcome page holds the slug 'home' and the default Site: the home page
        # takes both.
        taken = Page.objects.child_of(root).not_type(HomePage).filter(slug=kwargs["slug"])
        # As Wagtail's first migration made it (a page of no type of ours, with no children, no
        # revision, log entry or index entry), only the default Site points at it, and that moves
        # to the home page below: one DELETE, where Page.delete() asks each of the two dozen
        # tables that may point at a page (half of a test's home page, some 700 times a run).
        welcome = taken.exact_type(Page).filter(numchild=0, latest_revision=None)
        if deleted := welcome._raw_delete(welcome.db):
            Page.objects.filter(pk=root.pk).update(numchild=F("numchild") - deleted)
            root.refresh_from_db(fields=["numchild"])
        for page in taken:
            page.delete()
        home = super()._create(model_class, *args, **kwargs)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.save()
        return home


class HomePagePartnerFactory(DjangoModelFactory):
    page = under(HomePageFactory)
    organisation = factory.SubFactory(
        "contacts.factories.OrganisationFactory",
        kind="partner",
        name=factory.Sequence(lambda n: f"Partner Organisation {n}"),
    )
    description = ""

    class Meta:
        model = HomePagePartner


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A page of text and tables."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "About the programme", "level": "h2"}),
            ("paragraph", "<p>The programme supports children's services.</p>"),
        ]
    )
    parent = under(HomePageFactory)

    class Meta:
        model = StandardPage


class PlanPageFactory(StandardPageFactory):
    """A year's Regional Improvement Plan (pass ``title`` and ``slug`` for its year)."""

    title = "Regional Improvement Plan 2026-27"
    slug = "regional-improvement-plan-2026-27"
    show_in_menus = True

    class Meta:
        model = PlanPage


class SiteSettingsFactory(DjangoModelFactory):
    """The default Site's settings (there is one row per site)."""

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    programme_manager = factory.SubFactory(
        "contacts.factories.PersonFactory", role="SESLIP Programme Manager"
    )
    contact_email = "seslip@example.org"

    class Meta:
        model = SiteSettings

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        site = kwargs.pop("site")
        settings, _ = model_class.objects.update_or_create(site=site, defaults=kwargs)
        return settings


ContactsIndexPageFactory = section_page_factory(ContactsIndexPage, **demo_pages.CONTACTS)


class MemberAuthoritiesPageFactory(wagtail_factories.PageFactory):
    """The member authorities page, under /contacts/ (made if there is none yet)."""

    title = "Member authorities"
    slug = "member-authorities"
    intro = "<p>The 19 member authorities, their networks and peer challenge triads.</p>"
    parent = under(ContactsIndexPageFactory)

    class Meta:
        model = MemberAuthoritiesPage
