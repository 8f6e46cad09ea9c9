"""Factories for people and organisations."""

import factory
from factory.django import DjangoModelFactory

from .models import Organisation, Person


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
