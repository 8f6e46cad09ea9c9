"""The filters of the contacts directory and of the member authorities page (GET forms).

A value that is not one of the choices gives a message on the page and is ignored.
"""

from django import forms

from .models import Organisation

MAX_QUERY_LENGTH = 100


class ErrorListMixin:
    @property
    def error_list(self):
        """(field id, message) pairs for the GOV.UK error summary."""
        if not self.is_bound:
            return []
        return [
            (self[name].id_for_label, message)
            for name, messages in self.errors.items()
            for message in messages
        ]

    def _valid(self, name):
        return self.is_bound and not (not self.is_valid() and name in self.errors)


class ContactFilterForm(ErrorListMixin, forms.Form):
    """Search people by name, role or organisation; show one network's or organisation's."""

    q = forms.CharField(
        label="Name, role or organisation",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Search for at most {MAX_QUERY_LENGTH} characters",
        },
    )
    network = forms.ChoiceField(
        label="Network or project they lead",
        required=False,
        error_messages={"invalid_choice": "Choose a network or project from the list"},
    )
    organisation = forms.ChoiceField(
        label="Organisation",
        required=False,
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )

    def __init__(self, data=None, **kwargs):
        from events.forms import network_choices

        data = data if data and any(data.get(name) for name in self.base_fields) else None
        super().__init__(data, **kwargs)
        self.networks = {network.slug: network for network in network_choices()}
        self.fields["network"].choices = [("", "Any network or project")] + [
            (slug, network.title) for slug, network in self.networks.items()
        ]
        # Only organisations with someone to contact.
        self.organisations = {
            str(organisation.pk): organisation
            for organisation in Organisation.objects.filter(people__has_left=False)
            .distinct()
            .order_by("name")
        }
        self.fields["organisation"].choices = [("", "Any organisation")] + [
            (pk, organisation.name) for pk, organisation in self.organisations.items()
        ]

    def query(self):
        """The words searched for, without control characters ('' for none)."""
        from seslip.views import clean_query

        if not self._valid("q"):
            return ""
        return clean_query(self.cleaned_data.get("q"))

    def chosen_network(self):
        if not self._valid("network"):
            return None
        return self.networks.get(self.cleaned_data.get("network") or "")

    def chosen_organisation(self):
        if not self._valid("organisation"):
            return None
        return self.organisations.get(self.cleaned_data.get("organisation") or "")


def programme_year_label(year):
    """2023 -> '2023-24': the programme's year runs from April to March."""
    return f"{year}-{(year + 1) % 100:02d}"


class TriadYearForm(ErrorListMixin, forms.Form):
    """Which programme year's peer challenge triads to show."""

    year = forms.ChoiceField(
        label="Year",
        required=False,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )

    def __init__(self, data=None, years=(), **kwargs):
        data = data if data and data.get("year") else None
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [
            (str(year), programme_year_label(year)) for year in sorted(years, reverse=True)
        ]

    def chosen_year(self):
        if not self._valid("year") or not self.cleaned_data.get("year"):
            return None
        return int(self.cleaned_data["year"])
