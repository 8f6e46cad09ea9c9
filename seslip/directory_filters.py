"""The filters of the contacts directory and of the member authorities page (GET forms).

A value that is not one of the choices gives a message on the page and is ignored.
"""

from contacts.models import Organisation
from core import content_cache
from core.forms import (
    FilterForm,
    WholeNumberChoiceField,
    clean_query,
    optional_choice_field,
    search_field,
)
from core.utils import programme_year_label
from networks.models import NetworkPage


def organisations_with_people():
    """The organisations with someone to contact, by name."""
    return list(Organisation.objects.filter(people__has_left=False).distinct().order_by("name"))


class ContactFilterForm(FilterForm):
    """Search people by name, role or organisation; show one network's or organisation's."""

    q = search_field("Name, role or organisation")
    network = optional_choice_field("Network or project they lead", "a network or project")
    organisation = optional_choice_field("Organisation", "an organisation")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.networks = {network.slug: network for network in NetworkPage.filter_choices()}
        self.fields["network"].choices = [("", "Any network or project")] + [
            (slug, network.title) for slug, network in self.networks.items()
        ]
        # Only organisations with someone to contact.
        self.organisations = {
            str(organisation.pk): organisation
            for organisation in content_cache.get_or_build(
                "contact-organisations", organisations_with_people
            )
        }
        self.fields["organisation"].choices = [("", "Any organisation")] + [
            (pk, organisation.name) for pk, organisation in self.organisations.items()
        ]

    def query(self):
        """The words searched for, without control characters ('' for none)."""
        return clean_query(self.value("q"))

    def chosen_network(self):
        return self.networks.get(self.value("network") or "")

    def chosen_organisation(self):
        return self.organisations.get(self.value("organisation") or "")


class TriadYearForm(FilterForm):
    """Which programme year's peer challenge triads to show."""

    year = optional_choice_field("Year", "a year", WholeNumberChoiceField)

    def __init__(self, data=None, years=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [
            (str(year), programme_year_label(year)) for year in sorted(years, reverse=True)
        ]

    def chosen_year(self):
        return self.value("year")
