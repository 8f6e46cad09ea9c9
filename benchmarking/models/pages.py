"""The benchmarking section: one page whose routes show measures, authorities, the grid and
comparisons (``benchmarking.views`` builds what they show, a module for each). Each table's CSV
is at ``…/download/<table>/`` (Wagtail serves only addresses that end in a slash)."""

from django.urls import path as django_path
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..views import authority, compare, grid, measure
from ..views.index import index_context

# The routes under the index page: each view takes the page and the request, and is named as
# its function is (``{% routablepageurl page "measure" slug %}``).
ROUTES = [
    ("measures/<slug:slug>/", measure.measure),
    ("measures/<slug:slug>/download/<slug:table>/", measure.measure_csv),
    ("authorities/<int:la_number>/", authority.authority),
    ("authorities/<int:la_number>/download/<slug:table>/", authority.authority_csv),
    ("grid/", grid.grid),
    ("grid/download/", grid.grid_csv),
    ("compare/", compare.compare),
    ("compare/download/", compare.compare_csv),
]


class BenchmarkingIndexPage(RoutablePageMixin, Page):
    """The benchmarking section: measures by topic, each measure's and authority's figures, the
    grid of quartile bands and comparisons, from the loaded releases. Editors write the intro."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["seslip.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @classmethod
    def get_subpage_urls(cls):
        """The index, then ROUTES (Wagtail binds each view to the page, as it does methods)."""
        return super().get_subpage_urls() + tuple(
            django_path(pattern, view, name=view.__name__) for pattern, view in ROUTES
        )
