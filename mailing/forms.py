"""The forms of the weekly update by email: signing up, and choosing the networks one follows
(crispy forms, GOV.UK template pack)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fluid, Layout, Size
from django import forms
from django.urls import reverse
from django.utils.html import format_html

from core.forms import CONTROL_CHARACTERS, email_field, name_field, one_line
from networks.models import NetworkPage

from .subscriptions import CONSENT_TEXT

NETWORKS_LABEL = "Networks you follow (optional)"
NETWORKS_HELP = (
    "The actions for local authorities from these networks will come first in your copy. "
    "You still get the whole update."
)


def networks_field():
    """The networks to follow (the live public ones, set by ``offer_networks`` per form)."""
    return forms.ModelMultipleChoiceField(
        label=NETWORKS_LABEL,
        help_text=NETWORKS_HELP,
        queryset=NetworkPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select networks from the list"},
    )


def offer_networks(form):
    """Offer the live public networks, or no choice at all when there are none."""
    if "networks" in form.fields:
        offered = NetworkPage.objects.live().public().order_by("number", "title")
        if offered.exists():
            form.fields["networks"].queryset = offered
        else:
            del form.fields["networks"]


class SubscribeForm(forms.Form):
    """Email address, optional name, and the page it was sent from (the consent record)."""

    email = email_field("Email address")
    name = name_field("Your name (optional)", required=False)
    networks = networks_field()
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, id_prefix="subscribe", compact=False, **kwargs):
        """``id_prefix`` keeps the ids unique when a page has two sign-up forms (an update's
        own and the footer's); ``compact`` is for the narrow footer and update forms."""
        kwargs.setdefault("auto_id", f"{id_prefix}-%s")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("mailing:subscribe")
        # No CSRF token: the form is on cached public pages and the site sets no cookie for
        # visitors (see subscription_views.subscribe for why the sign-up needs none).
        self.helper.disable_csrf = True
        self.helper.attrs = {"novalidate": ""}
        self.consent = consent = format_html('<p class="govuk-body-s">{}</p>', CONSENT_TEXT)
        self.privacy = privacy = format_html(
            '<p class="govuk-body-s">Read the <a class="govuk-link" href="{}">privacy '
            "notice</a> to find out how we look after your details.</p>",
            "/privacy-notice/",
        )
        if compact:  # the footer's and update's forms: networks are chosen later, if at all
            del self.fields["networks"]
            # Written out by components/subscribe_form.html rather than crispy-forms (it is
            # on every page and never shown with errors): GOV.UK's class on its inputs.
            for name in ("email", "name"):
                self.fields[name].widget.attrs["class"] = "govuk-input"
            self.use_required_attribute = False  # GOV.UK's forms check on the server
        offer_networks(self)
        self.helper.layout = Layout(
            Field.text("email", field_width=None if compact else Fluid.TWO_THIRDS),
            Field.text("name", field_width=None if compact else Fluid.TWO_THIRDS),
            *(
                [Field.checkboxes("networks", legend_size=Size.SMALL, small=True)]
                if "networks" in self.fields
                else []
            ),
            "source",
            HTML(consent),
            HTML(privacy),
            Button("subscribe", "Subscribe", css_id=f"{id_prefix}-button"),
        )

    def clean_name(self):
        return one_line(self.cleaned_data["name"])

    def clean_source(self):
        """The path of the page the form was on; anything else is dropped, not refused."""
        source = CONTROL_CHARACTERS.sub("", self.cleaned_data.get("source") or "")[:255]
        if not source.startswith("/") or source.startswith("//"):
            return ""
        return source


class NetworksForm(forms.Form):
    """A subscriber's choice of networks, on the page their emails link to."""

    networks = networks_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_networks(self)
        self.helper = FormHelper()
        self.helper.disable_csrf = True  # no cookie: see subscription_views
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.checkboxes("networks", legend_size=Size.MEDIUM, small=True),
            Button("save", "Save your choice"),
        )
