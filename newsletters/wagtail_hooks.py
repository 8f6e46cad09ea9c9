from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsItem


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "doc-full-inverse"
    menu_label = "News items"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["heading", "action_by", "remind_until", "updated_at"]
    search_fields = ["heading"]


register_snippet(NewsItemViewSet)
from . import admin_views  # noqa: E402, F401  (the "New weekly update" hooks)
