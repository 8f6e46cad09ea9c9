"""The reports library: reports, plans, toolkits and protocols, each with its document.

Reports for everyone sit directly under the library (/reports/). Restricted reports sit in a
section whose privacy (in the admin) names the groups who may open them, and their documents sit in
a collection restricted to the same groups: networks.access keeps everyone else out.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.template.defaultfilters import filesizeformat
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.chosen import PageForm
from core.fields import optional_link
from core.forms import FilterForm, WholeNumberChoiceField
from core.privacy import document_restrictions, restricted_page_ids, visible_to
from core.routing import RoutedPageMixin
from core.utils import page_number

from .access import access_groups_for

INTRO_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol"]

# What each accepted file type is called on the site.
FORMAT_NAMES = {
    "pdf": "PDF",
    "csv": "CSV spreadsheet",
    "doc": "Word document",
    "docx": "Word document",
    "xls": "Excel spreadsheet",
    "xlsx": "Excel spreadsheet",
    "ppt": "PowerPoint presentation",
    "pptx": "PowerPoint presentation",
    "odt": "OpenDocument text",
    "ods": "OpenDocument spreadsheet",
    "odp": "OpenDocument presentation",
    "rtf": "Rich Text Format document",
}


def format_name(extension):
    """The name of a file format for visitors: 'PDF', 'Excel spreadsheet'."""
    extension = (extension or "").lower().lstrip(".")
    return FORMAT_NAMES.get(extension, extension.upper() or "File")


class ReportKind(models.TextChoices):
    BENCHMARKING = "benchmarking", "Benchmarking report"
    DATA = "data", "Benchmarking data"
    PLAN = "plan", "Plan"
    TOOLKIT = "toolkit", "Toolkit"
    TEMPLATE = "template", "Template"
    GUIDANCE = "guidance", "Guidance"
    MOU = "mou", "Memorandum of Understanding"
    PROTOCOL = "protocol", "Protocol"
    EVALUATION = "evaluation", "Evaluation"
    OTHER = "other", "Other document"


class ReportFilterForm(FilterForm):
    """The reports library's filters: network, kind and year (a GET form)."""

    network = WholeNumberChoiceField(label="Network or project", required=False)
    kind = forms.ChoiceField(label="Type", required=False)
    year = WholeNumberChoiceField(label="Year", required=False)

    def __init__(self, data, reports):
        super().__init__(data, auto_id="filter-%s")
        networks = {}
        kinds = set()
        years = set()
        for report in reports:
            if report.network_id and report.network:
                networks[report.network_id] = report.network.title
            kinds.add(report.kind)
            years.add(report.date.year)
        self.fields["network"].choices = [("", "All networks and projects")] + sorted(
            networks.items(), key=lambda item: item[1].lower()
        )
        self.fields["kind"].choices = [("", "All types")] + [
            (value, label) for value, label in ReportKind.choices if value in kinds
        ]
        self.fields["year"].choices = [("", "All years")] + [
            (year, str(year)) for year in sorted(years, reverse=True)
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = (
                f"Choose a {field.label.lower()} from the list: "
                "no report matches the one in the address"
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # a GET form: no token in the address, no cookie
        self.helper.layout = Layout(
            Field.select("network"), Field.select("kind"), Field.select("year")
        )

    def apply(self, reports):
        """The reports that match the valid filters (an invalid filter is left out)."""
        network, kind, year = self.value("network"), self.value("kind"), self.value("year")
        if network:
            reports = [r for r in reports if r.network_id == network]
        if kind:
            reports = [r for r in reports if r.kind == kind]
        if year:
            reports = [r for r in reports if r.date.year == year]
        return reports


REPORTS_PER_PAGE = 20


def reports_under(page, request):
    """The live reports under ``page`` that the visitor may open, newest first."""
    reports = visible_to(ReportPage.objects.live().descendant_of(page), request).select_related(
        "network", "document", "document__collection"
    )
    return sorted(reports, key=lambda r: (r.date, r.title), reverse=True)


def listing_context(page, request):
    """The filters and the filtered, paginated reports under ``page`` (library or section)."""
    reports = reports_under(page, request)
    form = ReportFilterForm(request.GET, reports)
    matching = form.apply(reports)
    restricted = restricted_page_ids(matching)
    for report in matching:
        report.is_restricted = report.pk in restricted
    return {
        "filter_form": form,
        "reports": Paginator(matching, REPORTS_PER_PAGE).get_page(page_number(request)),
        "report_count": len(matching),
    }


class ReportIndexPage(RoutedPageMixin, Page):
    """The reports library (/reports/): every report a visitor may open, with filters."""

    base_form_class = PageForm

    intro = RichTextField(blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["networks.ReportPage", "networks.ReportSectionPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class ReportSectionPage(RoutedPageMixin, Page):
    """A group of reports in the library. Set its privacy to restrict every report in it,
    e.g. to the Data Sharing Protocol signatories for unaudited benchmarking data."""

    base_form_class = PageForm

    intro = RichTextField(blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["networks.ReportIndexPage"]
    subpage_types = ["networks.ReportPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class ReportPageForm(PageForm):
    """Refuses a public document for a report in a restricted section: it would leak. (A
    restricted newer version is named only to those who may open it: see get_context.)"""

    chosen_shown_with_access_check = ("superseded_by",)

    def clean(self):
        cleaned_data = super().clean()
        document = cleaned_data.get("document")
        if document is None:
            return cleaned_data
        if self.instance.pk:
            page_restricted = self.instance.get_view_restrictions().exists()
        else:
            page_restricted = bool(
                self.parent_page and self.parent_page.get_view_restrictions().exists()
            )
        if page_restricted and not document.collection.get_view_restrictions().exists():
            self.add_error(
                "document",
                f"This report is in a restricted section, but ‘{document.title}’ is in the "
                f"collection ‘{document.collection.name}’, which anyone can download from. "
                "Choose a document from a restricted collection (such as ‘Restricted "
                "benchmarking data’), or move this document to one first.",
            )
        superseded_by = cleaned_data.get("superseded_by")
        if superseded_by is not None and self.instance.pk and superseded_by.pk == self.instance.pk:
            self.add_error("superseded_by", "A report cannot be superseded by itself.")
        return cleaned_data


class ReportPage(RoutedPageMixin, Page):
    """A report, plan, toolkit, template or protocol: its document, what it is and when."""

    date = models.DateField(help_text="The date of the report (its publication or approval).")
    network = optional_link(
        "networks.NetworkPage",
        related_name="reports",
        help_text="The network or project that produced it, if any.",
    )
    kind = models.CharField("Type", max_length=20, choices=ReportKind.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The file. For a restricted report choose one from a restricted collection.",
    )
    summary = models.TextField(help_text="What the report covers, in a few sentences.")
    superseded_by = optional_link(
        "self",
        related_name="supersedes",
        help_text="A newer version that replaces this one.",
    )

    base_form_class = ReportPageForm
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldPanel("network"),
        FieldPanel("summary"),
        FieldPanel("document"),
        MultiFieldPanel([FieldPanel("superseded_by")], heading="Newer version"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("network", [index.SearchField("title")]),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["networks.ReportIndexPage", "networks.ReportSectionPage"]
    subpage_types = []

    @property
    def format_name(self):
        return format_name(self.document.file_extension) if self.document else ""

    @property
    def document_meta(self):
        """The document's format and size, e.g. 'PDF, 245.1 KB'."""
        if not self.document:
            return ""
        size = self.document.get_file_size()
        return f"{self.format_name}, {filesizeformat(size)}" if size else self.format_name

    def document_access(self, request):
        """Whether the report's document is restricted and whether this visitor may download
        it, with the groups that may."""
        restrictions = document_restrictions(self.document)
        if not restrictions:
            return {"restricted": False, "allowed": True, "groups": []}
        allowed = all(r.accept_request(request) for r in restrictions)
        return {
            "restricted": True,
            "allowed": allowed,
            "groups": access_groups_for(restrictions),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Links to other versions only when the visitor may open them: titles stay private.
        newer = None
        if self.superseded_by_id:
            newer = (
                visible_to(ReportPage.objects.live().filter(pk=self.superseded_by_id), request)
                .specific()
                .first()
            )
        older = list(visible_to(self.supersedes.live(), request).order_by("-date").specific())
        context.update(
            newer_version=newer,
            older_versions=older,
            document_access=self.document_access(request) if self.document else None,
        )
        return context
