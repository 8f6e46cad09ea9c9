"""The importer's place in the admin: "Import an old update" in the menu and among the
newsletters index's actions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from core.menu import MenuItemFor
from newsletters.models import NewsletterIndexPage

from .views import ImportUpdateView, can_import


@hooks.register("register_admin_urls")
def register_import_update_url():
    return [
        path(
            "newsletters/import/",
            ImportUpdateView.as_view(),
            name="newsletters_import_update",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_update_menu_item():
    return MenuItemFor(
        "Import an old update",
        reverse("newsletters_import_update"),
        shown_to=can_import,
        icon_name="upload",
        order=151,
    )


@hooks.register("register_page_header_buttons")
def import_update_header_button(page, user, view_name, next_url=None):
    """'Import an old update' among the newsletters index's actions."""
    if page.specific_class is NewsletterIndexPage and can_import(user, page):
        yield Button(
            "Import an old update",
            reverse("newsletters_import_update"),
            icon_name="upload",
            priority=16,
        )
