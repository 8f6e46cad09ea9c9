"""Factories for the networks index, network and project pages and their outputs."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import NetworkIndexPage, NetworkOutput, NetworkPage


def _home_page():
    from seslip.factories import home_page

    return home_page()


def network_index_page():
    """The /about-networks/ page, made if there is none yet."""
    return NetworkIndexPage.objects.first() or NetworkIndexPageFactory()


class NetworkIndexPageFactory(wagtail_factories.PageFactory):
    title = "Practice networks and projects"
    slug = "about-networks"
    show_in_menus = True
    intro = "<p>The networks and projects of the Regional Improvement Plan.</p>"
    parent = factory.LazyFunction(_home_page)

    class Meta:
        model = NetworkIndexPage


class NetworkPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Practice Network {n}")
    kind = NetworkPage.Kind.NETWORK
    number = factory.Sequence(lambda n: n + 1)
    purpose = "<p>To share practice and improve outcomes for children.</p>"
    who_for = "<p>Heads of service in member authorities.</p>"
    eligibility = "<p>Open to every member authority.</p>"
    sponsor = factory.SubFactory(
        "contacts.factories.PersonFactory", role="Director of Children's Services"
    )
    sponsor_title = "DCS sponsor"
    project_manager = factory.SubFactory("contacts.factories.PersonFactory", role="Project manager")
    project_manager_title = "Project manager"
    key_contact = None
    budget = 18000
    budget_year = "2024-25"
    budget_note = ""
    body = factory.LazyFunction(list)
    parent = factory.LazyFunction(network_index_page)

    class Meta:
        model = NetworkPage


class NetworkOutputFactory(DjangoModelFactory):
    page = factory.SubFactory(NetworkPageFactory)
    text = factory.Sequence(lambda n: f"Deliver workshop {n} for practitioners")
    status = NetworkOutput.Status.PLANNED
    due = factory.LazyFunction(lambda: datetime.date(2025, 3, 31))
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = NetworkOutput
