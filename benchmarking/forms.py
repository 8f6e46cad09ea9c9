"""The benchmarking pages' GET forms (search, grid topic, comparisons) and the admin upload.

A value that is not one of the choices gives a clear message on the page."""

from django import forms
from django.contrib.auth.models import Group

from core.forms import ErrorSummaryForm, choice_messages, optional_choice_field, search_field

MAX_OTHERS = 10
BOXES = ("neighbours", "region", "england")  # CompareForm's ticks


def authority_field():
    """One of the South East authorities, by its LA number (the choices are set per form)."""
    return forms.TypedChoiceField(
        label="Authority", coerce=int, error_messages=choice_messages("an authority")
    )


class MeasureSearchForm(ErrorSummaryForm):
    q = search_field("Search measures")
    topic = optional_choice_field("Topic", "a topic")

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "All topics"), *((t, t) for t in topics)]


class GridForm(ErrorSummaryForm):
    topic = forms.ChoiceField(
        label="Topic", error_messages={"invalid_choice": "Choose a topic from the list"}
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [(t, t) for t in topics]


class TrendForm(ErrorSummaryForm):
    """The South East authority whose trend a measure's page shows beside the region's."""

    authority = authority_field()

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [(a.la_number, a.name) for a in authorities]


class CompareForm(ErrorSummaryForm):
    """One authority and one measure, against the comparators the visitor ticks or names."""

    authority = authority_field()
    measure = forms.ChoiceField(label="Measure", error_messages=choice_messages("a measure"))
    neighbours = forms.BooleanField(label="Its statistical neighbours", required=False)
    region = forms.BooleanField(label="South East", required=False)
    england = forms.BooleanField(label="England", required=False)
    others = forms.TypedMultipleChoiceField(
        label="Other authorities",
        help_text=f"Up to {MAX_OTHERS}. To choose more than one, hold Ctrl (Cmd on a Mac) as you "
        "click; your choices stay highlighted.",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose other authorities from the list"},
    )

    def __init__(self, *args, authorities=(), measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        area_choices = [(a.la_number, a.name) for a in authorities]
        self.fields["authority"].choices = [("", "Choose an authority"), *area_choices]
        self.fields["others"].choices = area_choices
        self.fields["measure"].choices = [("", "Choose a measure")] + [
            (m.code, f"{m.topic}: {m.title}") for m in measures
        ]

    @classmethod
    def starting_choices(cls, query):
        """What a link without a measure chooses (an authority's page links with its authority
        and comparators): the boxes' values read as a submitted form reads them."""
        boxes = {name: cls.base_fields[name].to_python(query.get(name)) for name in BOXES}
        return {"authority": query.get("authority"), "others": query.getlist("others"), **boxes}

    def clean_others(self):
        others = self.cleaned_data["others"]
        if len(others) > MAX_OTHERS:
            raise forms.ValidationError(
                f"Choose at most {MAX_OTHERS} other authorities: you chose {len(others)}"
            )
        return others


class UploadForm(forms.Form):
    """The admin upload of a release: the same files as ``manage.py import_benchmarking``."""

    release = forms.CharField(max_length=100, help_text="A new name, or an existing one to update.")
    values = forms.FileField(
        help_text="Values in the DfE's long format (CSV, may be gzipped).", required=False
    )
    measures = forms.FileField(help_text="The data dictionary (CSV).", required=False)
    neighbours = forms.FileField(help_text="Statistical neighbours (CSV).", required=False)
    areas = forms.FileField(help_text="Authority codes (CSV).", required=False)
    restricted = forms.BooleanField(
        required=False,
        help_text="Only the chosen groups see it until the embargo date. Values only: measures, "
        "neighbours and authority codes are for everyone, so load them with a public release.",
    )
    groups = forms.ModelMultipleChoiceField(queryset=Group.objects.all(), required=False)
    embargo_date = forms.DateField(
        required=False, help_text="The day it becomes public (YYYY-MM-DD)."
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(role) for role in ("values", "measures", "neighbours", "areas")):
            raise forms.ValidationError("Choose at least one file.")
        if data.get("restricted") and not data.get("groups"):
            self.add_error("groups", "A restricted release needs at least one group.")
        if not data.get("restricted") and (data.get("groups") or data.get("embargo_date")):
            self.add_error("restricted", "Groups and an embargo date are for a restricted release.")
        return data
