from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .import_views import ImportUpdateMenuItem, ImportUpdateView, can_import
from .models import NewsItem, NewsletterIndexPage


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "doc-full-inverse"
    menu_label = "News items"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["heading", "action_by", "remind_until", "updated_at"]
    search_fields = ["heading"]


register_snippet(NewsItemViewSet)


# --- "Import update from text" (newsletters/import_views.py) ------------------------------


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
    return ImportUpdateMenuItem(
        "Import update from text",
        reverse("newsletters_import_update"),
        icon_name="upload",
        order=151,
    )


@hooks.register("register_page_header_buttons")
def import_update_header_button(page, user, view_name, next_url=None):
    """'Import update from text' among the newsletters index's actions."""
    if page.specific_class is NewsletterIndexPage and can_import(user, page):
        yield Button(
            "Import update from text",
            reverse("newsletters_import_update"),
            icon_name="upload",
            priority=16,
        )


# "New weekly update" (admin_views); subscribers and "Email to subscribers" (mailing_admin).
from . import admin_views, mailing_admin  # noqa: E402, F401
