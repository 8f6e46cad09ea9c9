"""Login throttling on every login form, with django-axes (settings: ``AXES_*``).

Failed logins are counted in the database per account and per IP address (core.clients). After
``AXES_FAILURE_LIMIT`` failures the account, or the address, is locked out for
``AXES_COOLOFF_TIME``: every password is refused, the right one too, and the form says why.
Superusers, or anyone who may delete access attempts, unlock them under Settings → Login lockouts
(seslip.lockout_views).
"""

from axes.helpers import get_lockout_message
from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


def username_for_throttling(request, credentials):
    """The username failures are counted against: the same whatever its capitals or spaces."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else None


def lockout_response(request, response, credentials):
    """The login form, shown again with the lockout message (see ThrottledLoginMixin), answered
    with 429 Too Many Requests."""
    response.status_code = 429
    return response


def is_locked_out(request):
    return bool(getattr(request, "axes_locked_out", False))


class ThrottledLoginMixin:
    """For an AuthenticationForm: a login refused because of a lockout says so (the password
    may well have been right)."""

    def get_invalid_login_error(self):
        if is_locked_out(self.request):
            return forms.ValidationError(get_lockout_message(), code="locked_out")
        return super().get_invalid_login_error()


class AdminLoginForm(ThrottledLoginMixin, WagtailLoginForm):
    """The Wagtail admin's login form, throttled (WAGTAILADMIN_USER_LOGIN_FORM)."""
