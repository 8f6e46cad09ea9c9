"""The benchmarking section: one page whose routes show measures, authorities, the grid and
comparisons (benchmarking.views builds what they show). Each table's CSV is at
``…/download/<table>/`` (Wagtail serves only addresses that end in a slash)."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .. import views


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
        context.update(views.index_context(self, request))
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("measures/<slug:slug>/")
    def measure(self, request, slug):
        return views.measure(self, request, slug)

    @path("measures/<slug:slug>/download/<slug:table>/")
    def measure_csv(self, request, slug, table):
        return views.measure_csv(self, request, slug, table)

    @path("authorities/<int:la_number>/")
    def authority(self, request, la_number):
        return views.authority(self, request, la_number)

    @path("authorities/<int:la_number>/download/<slug:table>/")
    def authority_csv(self, request, la_number, table):
        return views.authority_csv(self, request, la_number, table)

    @path("grid/")
    def grid(self, request):
        return views.grid(self, request)

    @path("grid/download/")
    def grid_csv(self, request):
        return views.grid_csv(self, request)

    @path("compare/")
    def compare(self, request):
        return views.compare(self, request)

    @path("compare/download/")
    def compare_csv(self, request):
        return views.compare_csv(self, request)
