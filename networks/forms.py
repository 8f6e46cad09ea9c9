"""The public ‘Request access’ form, and the programme manager's decision on a request."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from contacts.models import Organisation
from core.forms import choice_messages, email_field, name_field

from .models import AccessGroup, AccessRequest

REASON_MAX = 2000


class RequestAccessForm(forms.Form):
    """What council staff tell the programme when they ask for access to restricted reports."""

    name = name_field("Full name", max_length=200, what="your full name")
    organisation = forms.ModelChoiceField(
        label="Authority",
        help_text="The member authority you work for.",
        queryset=Organisation.objects.none(),
        empty_label="Choose your authority",
        error_messages=choice_messages("the authority you work for"),
    )
    email = email_field(
        "Work email address",
        what="your work email address",
        example="name@kent.gov.uk",
        max_length=150,  # it becomes the username of their account
        help_text="Your address at your authority, for example name@kent.gov.uk. We send the "
        "decision here.",
    )
    access_group = forms.ModelChoiceField(
        label="What do you need access to?",
        queryset=AccessGroup.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages=choice_messages("what you need access to"),
    )
    reason = forms.CharField(
        label="Why do you need access?",
        help_text="Your role, and what you will use the reports or data for.",
        max_length=REASON_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "Tell us why you need access",
            "max_length": f"Why you need access must be {REASON_MAX:,} characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.MEMBER
        ).order_by("name")
        groups = list(AccessGroup.objects.filter(open_to_requests=True).select_related("group"))
        # With one group on offer there is nothing to choose: the request is for that one.
        self.only_group = groups[0] if len(groups) == 1 else None
        if self.only_group:
            del self.fields["access_group"]
        else:
            self.fields["access_group"].queryset = AccessGroup.objects.filter(
                open_to_requests=True
            ).select_related("group")
            self.fields["access_group"].label_from_instance = lambda a: a.group.name
        self.helper = FormHelper()
        self.helper.label_size = Size.MEDIUM
        self.helper.legend_size = Size.MEDIUM
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.select("organisation"),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            *([] if self.only_group else [Field.radios("access_group")]),
            Field.textarea("reason", rows=6, max_characters=REASON_MAX),
            Submit("submit", "Send request"),
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def save(self):
        """Record the request: each one sent is kept, a second from the same address beside
        the first (anyone can type an address, so none may change another's request)."""
        data = self.cleaned_data
        return AccessRequest.objects.create(
            name=data["name"],
            organisation=data["organisation"],
            email=data["email"],
            access_group=data.get("access_group") or self.only_group,
            reason=data["reason"].strip(),
        )


class AccessDecisionForm(forms.Form):
    """The programme manager's decision on a request (in the admin)."""

    DECISIONS = [
        ("approve", "Approve: give them access and email them a link to set their password"),
        ("refuse", "Refuse: email them to say no"),
    ]

    decision = forms.ChoiceField(
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or refuse the request"},
    )
    access_group = forms.ModelChoiceField(
        label="Give access to",
        queryset=AccessGroup.objects.select_related("group"),
        required=False,
        help_text="The group they join when you approve.",
    )
    reply = forms.CharField(
        label="Note for the email",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional when approving; say why when refusing.",
        max_length=2000,
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == "approve" and not cleaned_data.get("access_group"):
            self.add_error("access_group", "Choose the group to give them access to")
        if cleaned_data.get("decision") == "refuse" and not cleaned_data.get("reply", "").strip():
            self.add_error("reply", "Say why you refuse: the email tells them")
        return cleaned_data
