"""The forms of the site's own account pages (seslip.accounts), styled with the GOV.UK Design
System."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.validators import MaxLengthValidator

from .login_throttle import ThrottledLoginMixin


def _helper(*layout):
    helper = FormHelper()
    helper.label_size = Size.SMALL
    helper.layout = Layout(*layout)
    return helper


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """Email address and password. The address is matched without regard to capitals."""

    error_messages = {
        "invalid_login": "Enter the email address and password of your account: they do not "
        "match an account. Passwords are case-sensitive.",
        "inactive": "This account is closed. Contact the programme to ask for access again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update(spellcheck="false", autocomplete="username")
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].error_messages["required"] = "Enter your email address"
        # Django gives the field its account's length but does not check it.
        limit = self.fields["username"].max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(limit, f"Email address must be {limit} characters or fewer")
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = _helper(
            Field.text("username", field_width=Fluid.TWO_THIRDS),
            Field.text("password", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Log in"),
        )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            matches = list(
                User.objects.filter(username__iexact=username).values_list("username", flat=True)[
                    :2
                ]
            )
            if len(matches) == 1:
                return matches[0]
        return username


class ChoosePasswordForm(SetPasswordForm):
    """A new password, twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.fields["new_password1"].help_text = (
            "At least 8 characters. Avoid common passwords, and anything like your name or email "
            "address."
        )
        self.helper = _helper(
            Field.text("new_password1", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password2", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Set password"),
        )


class ResetPasswordForm(PasswordResetForm):
    """The address to send a password link to. Accounts made by approval have no password
    until their owner sets one, so they can ask for a link too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages.update(
            required="Enter your email address",
            invalid="Enter an email address in the correct format, like name@kent.gov.uk",
        )
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        self.helper = _helper(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Send a link"),
        )

    def get_users(self, email):
        User = get_user_model()
        return User.objects.filter(email__iexact=email, is_active=True)
