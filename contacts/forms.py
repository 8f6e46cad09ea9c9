"""The "Send a message" form on a person's page (GOV.UK's "contact a department" pattern)."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django import forms
from django.urls import reverse

from core.forms import email_field, name_field, one_line

UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MESSAGE_MAX_LENGTH = 5000


class MessageForm(forms.Form):
    """The visitor's name, email address and message."""

    name = name_field("Your name", spellcheck=False)
    email = email_field("Your email address", help_text="So that they can reply to you.")
    message = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": "Enter your message",
            "max_length": f"Your message must be {MESSAGE_MAX_LENGTH:,} characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, person, **kwargs):
        kwargs.setdefault("auto_id", "message-%s")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("person_message", args=[person.pk])
        # No CSRF token: the form is on cached public pages and the site sets no cookie for
        # visitors (seslip/contact_views.py says why sending a message needs none).
        self.helper.disable_csrf = True
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.textarea("message"),
            Button("send", "Send message", css_id="message-send"),
        )

    def clean_name(self):
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Enter your name", code="required")
        return name

    def clean_message(self):
        message = UNPRINTABLE.sub("", self.cleaned_data["message"]).strip()
        if not message:
            raise forms.ValidationError("Enter your message", code="required")
        return message
