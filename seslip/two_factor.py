"""Two-factor authentication for editors (django-otp): an authenticator app (TOTP, RFC 6238) with
recovery codes for when the phone is lost.

Any editor may turn it on (Account → Two-step verification). It is required of superusers and of
anyone who may publish weekly updates (and so email them to subscribers) or approve requests for
access: ``two_factor_required`` decides, in this one place. After the password, the middleware
asks a user with a device for a code before anything else, and sends a user who must have one and
has none to set it up first.
"""

from urllib.parse import urlencode

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.permission_policies.pages import PagePermissionPolicy

from newsletters.models import NewsletterIndexPage, WeeklyUpdatePage

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def may_publish_updates(user):
    """Whether the user may publish a weekly update (and so email it to subscribers)."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["publish"])
    return pages.type(NewsletterIndexPage, WeeklyUpdatePage).exists()


def two_factor_required(user):
    """Who must use two-factor authentication: superusers, and anyone who may publish weekly
    updates, send them to subscribers, or approve requests for access."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or user.has_perm("networks.change_accessrequest")
        or may_publish_updates(user)
    )


def has_two_factor(user):
    return user_has_device(user, confirmed=True)


def app_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_app_device(user):
    """The app being set up: made once, so that reloading the page keeps the same secret."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_recovery_codes(user):
    """Replace the user's recovery codes with new ones; returns them (shown only once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def confirm_app_device(user, device):
    """Make ``device`` the user's only app, with a new set of recovery codes."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(user)


def turn_off(user):
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def normalise_code(code):
    return "".join(code.split()).replace("-", "").lower()


def devices_for_code(user, code):
    """The devices a code may be for: six digits come from the app, anything else is a
    recovery code. Only one kind is tried, so a wrong code slows down only that kind."""
    model = TOTPDevice if code.isascii() and code.isdigit() else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True)


# --- the middleware ------------------------------------------------------------------------------

# Where a user who still owes a code may go: the pages that ask for it, logging out, and the
# admin's JavaScript translations and icons that those pages load.
OPEN_URL_NAMES = (
    "seslip_two_factor_verify",
    "seslip_two_factor_enrol",
    "wagtailadmin_logout",
    "logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
)


class TwoFactorMiddleware:
    """After the password: a user with a device gives a code before anything else; a user who
    must have one and has none sets it up first. Needs django-otp's OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self):
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in OPEN_URL_NAMES}
        return self._open_paths

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and request.path_info not in self.open_paths()
        ):
            if has_two_factor(user):
                return self._to("seslip_two_factor_verify", request)
            if two_factor_required(user):
                return self._to("seslip_two_factor_enrol", request)
        return self.get_response(request)

    @staticmethod
    def _to(url_name, request):
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        query = "?" + urlencode({"next": next_url}) if next_url else ""
        return redirect(reverse(url_name) + query)
