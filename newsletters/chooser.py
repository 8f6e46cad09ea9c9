"""The news-item chooser of a weekly update's body and reminders: each item with its date,
networks and the last update it was in, searched by heading and text, and a form to write a
new item without leaving the update."""

from django import forms
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)

from core.chosen import SnippetForm
from core.utils import long_date

from .models import NewsItem


class NewsItemCreationForm(SnippetForm):
    """A new news item written in the chooser: what most items need; people, links and
    reminders are added later on the item's own page."""

    class Meta:
        model = NewsItem
        fields = ["heading", "body", "action_required", "action_by", "networks"]
        widgets = {"networks": forms.CheckboxSelectMultiple}


def _last_update(item):
    if item.last_update_number is None:
        return "Not in an update yet"
    return f"No {item.last_update_number}, {long_date(item.last_update_date)}"


class NewsItemChooserMixin:
    """What the chooser lists (one query for the items and one for their networks) and how."""

    def get_object_list(self):
        return NewsItem.objects.with_last_update().prefetch_related("networks")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("updated", label="Last changed", accessor=lambda i: long_date(i.updated_at)),
            Column(
                "networks",
                label="Networks",
                accessor=lambda i: ", ".join(sorted(n.title for n in i.networks.all())) or "None",
            ),
            Column("last_update", label="Last update it was in", accessor=_last_update),
        ]


class NewsItemCreationMixin:
    """The creation form is a snippet form, given its editor: it checks what they chose
    (core.chosen)."""

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}


class NewsItemChooseView(NewsItemChooserMixin, NewsItemCreationMixin, ChooseView):
    pass


class NewsItemChooseResultsView(NewsItemChooserMixin, NewsItemCreationMixin, ChooseResultsView):
    pass


class NewsItemCreateView(NewsItemCreationMixin, SnippetCreateView):
    pass


class NewsItemChooserViewSet(SnippetChooserViewSet):
    choose_view_class = NewsItemChooseView
    choose_results_view_class = NewsItemChooseResultsView
    create_view_class = NewsItemCreateView
    creation_form_class = NewsItemCreationForm
    create_action_label = "Save the news item and choose it"
    create_action_clicked_label = "Saving…"
    creation_tab_label = "Write a new news item"
