"""The base of the site's GET filter forms (events, reports, the directory, the member
authorities' year), the checks they share, and the name and email address fields of the forms
visitors fill in (a message to a person, signing up for the weekly update, asking for access),
and the search box of a listing.

Anything a visitor can type into the address bar arrives here: a value that is not one of the
choices gives a message in the GOV.UK error summary (templates/components/forms/error_summary.html)
and is ignored, never a server error.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import capfirst

from .utils import parse_int

# A whole number as people type it in an address: ASCII digits only (not "²", "①", "٣" or "１",
# which Python's int() and str.isdigit() accept), and short enough to be a year or an id.
LARGEST_WHOLE_NUMBER = 999_999_999
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
MAX_SEARCH_LENGTH = 200
# The longest query a listing's own search box takes (the measures, the contacts directory).
MAX_QUERY_LENGTH = 100


def parse_whole_number(value):
    """``value`` as an int when it is 1 to 9 ASCII digits, otherwise None."""
    return parse_int(value, minimum=0, maximum=LARGEST_WHOLE_NUMBER)


def clean_query(raw):
    """A search query safe to send to PostgreSQL: no control characters, bounded length."""
    return one_line(raw)[:MAX_SEARCH_LENGTH]


def one_line(text):
    """``text`` on one line: control characters and runs of spaces become one space."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text or "").split())


def choice_messages(what):
    """GOV.UK's messages for a choice left empty or not on the list, e.g. "Choose a measure"."""
    return {"required": f"Choose {what}", "invalid_choice": f"Choose {what} from the list"}


def optional_choice_field(label, what, field_class=forms.ChoiceField):
    """A choice that may be left empty, such as a filter's; a value not on the list is refused
    with "Choose ``what`` from the list"."""
    return field_class(label=label, required=False, error_messages=choice_messages(what))


# An address written plainly, as people have them: printable ASCII, no quotes or spaces. Django
# accepts a quoted local part holding control characters ('"a\x0bBcc:b"@example.com') and a
# domain holding Unicode line separators or invisible characters: the first breaks the headers
# of an email to it, the second the sending, and an invisible character makes the same mailbox a
# new address to the rate limits.
PLAIN_ADDRESS = re.compile(r"\A[!#-~]+\Z")


def validate_plain_email(value):
    """Django's check of an email address, refusing one not written plainly as well."""
    if not PLAIN_ADDRESS.match(value):
        raise ValidationError(validate_email.message, code=validate_email.code)
    validate_email(value)


class PlainEmailField(forms.EmailField):
    default_validators = [validate_plain_email]


def email_field(
    label, *, what="your email address", example="name@example.com", max_length=254, **kwargs
):
    """An email address field with GOV.UK's messages, which call it ``what`` and show
    ``example``; ``label`` begins the length message. An address not written plainly in
    printable ASCII (``PLAIN_ADDRESS``) is refused as not in the correct format."""
    return PlainEmailField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"Enter an email address in the correct format, like {example}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        **kwargs,
    )


def name_field(label, *, required=True, spellcheck=True, max_length=100, what="your name"):
    """A person's name with GOV.UK's messages, which call it ``what`` ("Enter your name")."""
    attrs = (
        {"autocomplete": "name"} if spellcheck else {"autocomplete": "name", "spellcheck": "false"}
    )
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": f"Enter {what}",
            "max_length": f"{capfirst(what)} must be {max_length} characters or fewer",
        },
        widget=forms.TextInput(attrs=attrs),
    )


def search_field(label):
    """A listing's optional search box, with GOV.UK's message for a query that is too long."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"Search for at most {MAX_QUERY_LENGTH} characters"},
    )


class WholeNumberChoiceField(forms.TypedChoiceField):
    """A choice of whole numbers (years, ids): anything but ASCII digits naming a choice is
    "not one of the choices"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("coerce", parse_whole_number)
        super().__init__(**kwargs)

    def valid_value(self, value):
        return parse_whole_number(value) is not None and super().valid_value(value)


class ErrorSummaryForm(forms.Form):
    """A form whose errors are listed in the GOV.UK error summary at the top of its page
    (templates/components/forms/error_summary.html)."""

    @property
    def error_list(self):
        """(field id, message) pairs for the error summary; a message about the whole form
        names no field."""
        if not self.is_bound:
            return []
        return [
            (self[name].id_for_label if name in self.fields else "", message)
            for name, messages in self.errors.items()
            for message in messages
        ]


class FilterForm(ErrorSummaryForm):
    """A GET form that narrows a listing. With no value filled in it is unbound (the full
    listing, no messages); a field with a bad value reports one error and is left out, while
    the valid fields still apply."""

    def __init__(self, data=None, **kwargs):
        data = data if data and any(data.get(name) for name in self.base_fields) else None
        super().__init__(data, **kwargs)

    @property
    def is_filtered(self):
        return self.is_bound

    def value(self, name):
        """The cleaned value of a field, or None when it is empty or was refused."""
        if not self.is_bound or (not self.is_valid() and name in self.errors):
            return None
        return self.cleaned_data.get(name) or None
