"""Factories for people, organisations and the contacts page."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import ContactsIndexPage, MemberAuthoritiesPage, Organisation, Person


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Borough Council {n}")
    short_name = factory.Sequence(lambda n: f"BC{n}")
    kind = Organisation.Kind.MEMBER
    description = factory.LazyAttribute(lambda o: f"{o.name} is a member authority.")
    website = factory.LazyAttribute(lambda o: f"https://www.{o.short_name.lower()}.gov.uk/")
    email_domains = factory.LazyAttribute(lambda o: f"{o.short_name.lower()}.gov.uk")

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Alex Example {n}")
    role = "Assistant Director"
    organisation = factory.SubFactory(OrganisationFactory)
    phone = factory.Sequence(lambda n: f"01632 960 {n % 1000:03d}")
    email = factory.Sequence(lambda n: f"alex.example{n}@example.gov.uk")
    has_left = False

    class Meta:
        model = Person


def _home_page():
    from seslip.factories import home_page

    return home_page()


class ContactsIndexPageFactory(wagtail_factories.PageFactory):
    """The /contacts/ page, under the home page (made if there is none yet)."""

    title = "Contacts"
    slug = "contacts"
    show_in_menus = True
    intro = "The people to contact about the programme, its networks and its projects."
    parent = factory.LazyFunction(_home_page)

    class Meta:
        model = ContactsIndexPage


def contacts_index_page():
    """The /contacts/ page, made if there is none yet."""
    return ContactsIndexPage.objects.first() or ContactsIndexPageFactory()


class MemberAuthoritiesPageFactory(wagtail_factories.PageFactory):
    """The member authorities page, under /contacts/ (made if there is none yet)."""

    title = "Member authorities"
    slug = "member-authorities"
    intro = "<p>The 19 member authorities, their networks and peer challenge triads.</p>"
    parent = factory.LazyFunction(contacts_index_page)

    class Meta:
        model = MemberAuthoritiesPage
