"""The core's admin: two-step verification for every editor, and login lockouts."""

from django.urls import path, reverse
from wagtail import hooks

from core.menu import MenuItemFor

from . import lockout_views, two_factor_views


@hooks.register("register_admin_urls")
def register_security_urls():
    return [
        path("two-factor/", two_factor_views.overview, name="seslip_two_factor"),
        path("login-lockouts/", lockout_views.lockouts, name="seslip_login_lockouts"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("seslip_two_factor"),
        "label": "Two-step verification",
        "help_text": "Set up an authenticator app, and see or renew your recovery codes.",
    }


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return MenuItemFor(
        "Login lockouts",
        reverse("seslip_login_lockouts"),
        shown_to=lockout_views.may_unlock,
        icon_name="lock",
        order=900,
    )
