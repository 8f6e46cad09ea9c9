from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

# "New weekly update" (admin_views.py registers its own hooks).
from . import admin_views  # noqa: F401
from .chooser import NewsItemChooserViewSet
from .models import NewsItem


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "doc-full-inverse"
    menu_label = "News items"
    menu_order = 140  # written first, then chosen in "New weekly update" (150)
    add_to_admin_menu = True
    list_display = ["heading", "action_by", "remind_until", "updated_at"]
    search_fields = ["heading"]
    chooser_viewset_class = NewsItemChooserViewSet
    chooser_per_page = 20


register_snippet(NewsItemViewSet)
