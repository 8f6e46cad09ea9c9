"""The base of the GET filter forms: whole numbers are ASCII digits, anything else is a message
in the error summary (never a server error), and a form with nothing filled in is unbound."""

import pytest
from django import forms

from core.forms import FilterForm, WholeNumberChoiceField, parse_whole_number
from core.utils import page_number

NOT_WHOLE_NUMBERS = ["²", "①", "٣", "１", "2０24", "12.0", "-3", " 7", "7 ", "", "5" * 5000]


class YearForm(FilterForm):
    year = WholeNumberChoiceField(
        required=False, error_messages={"invalid_choice": "Choose a year from the list"}
    )
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), ("report", "Report")])

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [("", "All years"), (2024, "2024"), (2025, "2025")]


@pytest.mark.parametrize("value", NOT_WHOLE_NUMBERS)
def test_only_ascii_digits_make_a_whole_number(value):
    assert parse_whole_number(value) is None


def test_ascii_digits_make_a_whole_number():
    assert parse_whole_number("2024") == 2024
    assert parse_whole_number("007") == 7
    assert parse_whole_number("1" * 10) is None  # longer than any year or id


@pytest.mark.parametrize("value", [v for v in NOT_WHOLE_NUMBERS if v])
def test_a_number_in_other_digits_is_a_message_not_a_year(value):
    form = YearForm({"year": value, "kind": "report"})
    assert form.value("year") is None
    assert form.error_list == [("id_year", "Choose a year from the list")]
    # The valid filter still applies.
    assert form.value("kind") == "report"


def test_a_year_in_the_list_is_chosen_as_a_number():
    form = YearForm({"year": "2025"})
    assert form.value("year") == 2025
    assert form.error_list == []


def test_a_year_not_in_the_list_is_a_message():
    form = YearForm({"year": "2023"})
    assert form.value("year") is None
    assert form.error_list == [("id_year", "Choose a year from the list")]


def test_a_form_with_nothing_filled_in_is_unbound_and_quiet():
    form = YearForm({"year": "", "page": "2"})
    assert not form.is_bound
    assert not form.is_filtered
    assert form.error_list == []
    assert form.value("year") is None


class FakeRequest:
    def __init__(self, **query):
        self.GET = query


@pytest.mark.parametrize("value", NOT_WHOLE_NUMBERS + ["0"])
def test_a_page_number_that_is_not_a_whole_number_is_page_one(value):
    assert page_number(FakeRequest(page=value)) == 1


def test_a_page_number_is_read():
    assert page_number(FakeRequest(page="3")) == 3
    assert page_number(FakeRequest()) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٢٠٢٤", "5" * 5000])
def test_the_archive_ignores_a_year_in_other_digits(client, site_root, value):
    response = client.get("/newsletters/", {"year": value})
    assert response.status_code == 200
    assert response.context["selected_year"] is None
