"""Factories for the networks index, network and project pages and their outputs, and for the
reports library, its documents and restricted access."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

from core.factories import section_page_factory, under
from core.files import pdf

from .models import NetworkIndexPage, NetworkOutput, NetworkPage, ReportIndexPage
from .permissions import ensure_network_editors

NetworkIndexPageFactory = section_page_factory(
    NetworkIndexPage, slug="about-networks", title="Networks and projects"
)


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
    parent = under(NetworkIndexPageFactory)

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


# --- the reports library and restricted access ---------------------------------------------------


ReportIndexPageFactory = section_page_factory(ReportIndexPage, slug="reports", title="Reports")


class ReportSectionPageFactory(wagtail_factories.PageFactory):
    """A section of the library; restrict it with ``restrict(section, group)``."""

    title = factory.Sequence(lambda n: f"Restricted section {n}")
    intro = "<p>Reports for some people only.</p>"
    parent = under(ReportIndexPageFactory)

    class Meta:
        model = "networks.ReportSectionPage"


class CollectionFactory(wagtail_factories.CollectionFactory):
    name = factory.Sequence(lambda n: f"Collection {n}")
    parent = factory.LazyFunction(lambda: Collection.get_first_root_node())


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document with a real (tiny) PDF file."""

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(
        filename=factory.Sequence(lambda n: f"document-{n}.pdf"),
        data=factory.LazyFunction(lambda: pdf("A test document", ["Some text."])),
    )
    collection = factory.LazyFunction(lambda: Collection.get_first_root_node())

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class ReportPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Benchmarking report {n}")
    date = factory.LazyFunction(lambda: datetime.date(2025, 1, 31))
    kind = "benchmarking"
    network = None
    summary = "Figures for the member authorities, compared."
    document = factory.SubFactory(DocumentFactory)
    parent = under(ReportIndexPageFactory)

    class Meta:
        model = "networks.ReportPage"


def restrict(page_or_collection, *groups):
    """Restrict a page (and its subpages) or a collection to members of these groups."""
    restriction_model = (
        CollectionViewRestriction
        if isinstance(page_or_collection, Collection)
        else PageViewRestriction
    )
    field = "collection" if isinstance(page_or_collection, Collection) else "page"
    restriction = restriction_model.objects.create(
        **{field: page_or_collection}, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set(groups)
    return restriction


class GroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Group {n}")

    class Meta:
        model = Group
        django_get_or_create = ("name",)


class AccessGroupFactory(DjangoModelFactory):
    group = factory.SubFactory(GroupFactory, name="Data Sharing Protocol signatories")
    description = "Staff of member authorities that have signed the Data Sharing Protocol."
    open_to_requests = True

    class Meta:
        model = "networks.AccessGroup"
        django_get_or_create = ("group",)


class AccessRequestFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Jo Bloggs {n}")
    organisation = factory.SubFactory("contacts.factories.OrganisationFactory")
    email = factory.LazyAttributeSequence(
        lambda o, n: f"jo.bloggs{n}@{o.organisation.email_domains.split(',')[0].strip()}"
    )
    reason = "I lead on performance data for children's services."
    access_group = factory.SubFactory(AccessGroupFactory)

    class Meta:
        model = "networks.AccessRequest"


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}@example.gov.uk")
    email = factory.LazyAttribute(lambda o: o.username)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


def network_editor(network, **kwargs):
    """A user in the network's editors group, which is made (with its collection) if need be.
    Their password is 'correct horse battery'."""
    return UserFactory(groups=[ensure_network_editors(network)], **kwargs)
