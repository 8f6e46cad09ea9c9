"""Accounts for people who open restricted reports (/account/): log in, log out, set or reset a
password, and ask for access. Styled like the rest of the site, not like the Wagtail admin.

Accounts are made when the programme manager approves a request for access (networks.access_
requests): the username is the person's email address.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.urls import path, reverse_lazy

from networks import views as access_views


def _helper(*layout):
    helper = FormHelper()
    helper.label_size = Size.SMALL
    helper.layout = Layout(*layout)
    return helper


class LoginForm(AuthenticationForm):
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


urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="account/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path(
        "set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="account/set_password.html",
            form_class=ChoosePasswordForm,
            success_url=reverse_lazy("password_set_done"),
        ),
        name="password_set",
    ),
    path(
        "set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="account/set_password_done.html"
        ),
        name="password_set_done",
    ),
    path(
        "reset-password/",
        auth_views.PasswordResetView.as_view(
            template_name="account/reset_password.html",
            form_class=ResetPasswordForm,
            email_template_name="account/emails/reset_password.txt",
            subject_template_name="account/emails/reset_password_subject.txt",
            success_url=reverse_lazy("password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "reset-password/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="account/reset_password_sent.html"),
        name="password_reset_sent",
    ),
    path("request-access/", access_views.request_access, name="request_access"),
    path("request-access/sent/", access_views.request_access_sent, name="request_access_sent"),
]
