"""The admin views that would show a restricted page, document or image to an editor outside
its groups, made to follow ``core.privacy.visible_to``.

The hooks in wagtail_hooks.py filter the page, document and image choosers and the explorer.
Where Wagtail has no hook:

- ``hide_restricted_objects`` wraps every admin view (seslip/urls.py, and ``urlpatterns`` here).
  It answers the admin's 404 page, as for an id that does not exist, when an id in the
  address names a page, document or image the editor may not see, before Wagtail's view runs:
  the page chooser browsing into a restricted section, and edit, history, revisions, usage,
  preview, copy, move, the choosers' "chosen" steps, for an editor whose permissions cover the
  whole site (Wagtail's "Editors" group). The choosers' "chosen" step for several objects
  (``?id=…``) keeps only those the editor may see. Someone without access to the admin is
  sent to log in, whatever the id.
- Bulk actions list, under "You don't have permission", every object whose id is in the
  address, so that any title could be read by guessing ids: ``BULK_ACTIONS`` leave out what
  the editor may not see, as if the id did not exist (registered in wagtail_hooks.py).
- The admin API lists all the pages an editor may explore: ``PagesAdminAPI`` replaces its
  pages endpoint (wagtail_hooks.py).
- The dashboard's panels (to moderate, in moderation, recent edits, locked pages) list pages
  an editor may change or has touched: ``VISIBLE_PANELS`` leave out what the editor may not
  see (registered in wagtail_hooks.py).
- The aging pages, locked pages, workflow and workflow tasks reports list every page an editor
  may publish, change or moderate, the page types usage report names the last edited page of
  each type, the document and image listings show all those of the collections an editor
  may change, the page search, the listing of the pages of a type, the usage of a page,
  document or image (what uses it) and the site history name every page an editor may
  change, and the collection filters of the listings and choosers and the collection menu of
  uploads name every collection:
  ``urlpatterns`` puts subclasses of these views in front of Wagtail's, at the same addresses
  and behind the same check of admin access.
  The page views are built by Wagtail's base page viewset (the site registers no other), the
  choosers' by copies of Wagtail's chooser viewsets, with Wagtail's own arguments.
- The page editor (and that of a revision to go back to) emails everyone subscribed to a page's
  comments, and everyone in a thread, about new, resolved and answered comments: ``EditPage``
  and ``RevertPage`` (networks/notifications.py), at Wagtail's addresses, write only to those
  who may see the page.
- The upload and edit forms of documents and images offer every collection an editor may add
  to: ``core.chosen.VisibleCollectionsForm`` (networks/documents.py, networks/media.py).
"""

from functools import partial, wraps

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import home
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.views.pages.search import SearchView, page_filter_search
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.views.pages.usage import UsageView as PageUsageView
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.admin.viewsets.pages import base_page_viewset
from wagtail.documents import get_document_model
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.documents.views import chooser as document_chooser
from wagtail.documents.views import documents
from wagtail.documents.views import multiple as document_multiple
from wagtail.images import get_image_model
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.images.views import chooser as image_chooser
from wagtail.images.views import images
from wagtail.images.views import multiple as image_multiple
from wagtail.models import (
    Collection,
    Page,
    PageLogEntry,
    ReferenceIndex,
    get_default_page_content_type,
)
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.privacy import hidden_collection_ids, may_see, visible_to

from .notifications import EditPage, RevertPage


class PagesAdminAPI(PagesAdminAPIViewSet):
    """The admin's API for pages (the sidebar's page explorer): only pages the editor may
    see, whatever the filters (registered by wagtail_hooks.py)."""

    def get_base_queryset(self):
        return visible_to(super().get_base_queryset(), self.request)


def hidden_ids(model, request):
    """The ids, as text, of the pages, documents or images (``model``) or the collections that
    the request may not see: how log entries and the reference index name their objects."""
    if model is Collection:
        return [str(pk) for pk in hidden_collection_ids(request)]
    objects = model.objects.all()
    hidden = objects.exclude(pk__in=visible_to(objects, request))
    return [str(pk) for pk in hidden.values_list("pk", flat=True)]


def _private_models():
    """What Wagtail's privacy covers: pages, documents, images and their collections."""
    return (Page, get_document_model(), get_image_model(), Collection)


class VisibleCollections:
    """For a listing's filters: the collection filter names only collections the editor may
    see (and is left out when that leaves one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collection = self.filters.get("collection_id")
        if collection is not None:
            collection.queryset = collection.queryset.exclude(
                pk__in=hidden_collection_ids(self.request)
            )
            if collection.queryset.count() < 2:
                del self.filters["collection_id"]


class DocumentsFilterSet(VisibleCollections, documents.DocumentsFilterSet):
    pass


class ImagesFilterSet(VisibleCollections, images.ImagesFilterSet):
    pass


class VisibleOnly:
    """For a listing of documents or images: only those the editor may see."""

    def get_base_queryset(self):
        return visible_to(super().get_base_queryset(), self.request)


class DocumentIndex(VisibleOnly, documents.IndexView):
    filterset_class = DocumentsFilterSet


class ImageIndex(VisibleOnly, images.IndexView):
    filterset_class = ImagesFilterSet


class UploadCollections:
    """For the page that uploads several documents or images: its collection menu names only
    collections the editor may see (the form refuses the others: core.chosen)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["collections"] is not None:
            collections = context["collections"].exclude(pk__in=hidden_collection_ids(self.request))
            context["collections"] = collections if len(collections) > 1 else None
        return context


class DocumentAddMultiple(UploadCollections, document_multiple.AddView):
    pass


class ImageAddMultiple(UploadCollections, image_multiple.AddView):
    pass


class ChooserCollections:
    """For a document or image chooser: its collection filter names only collections the
    editor may see (and is left out when that leaves one)."""

    @cached_property
    def collections(self):
        collections = self.permission_policy.collections_user_has_permission_for(
            self.request.user, "choose"
        ).exclude(pk__in=hidden_collection_ids(self.request))
        return collections if len(collections) > 1 else None


class DocumentChoose(ChooserCollections, document_chooser.DocumentChooseView):
    pass


class DocumentChooseResults(ChooserCollections, document_chooser.DocumentChooseResultsView):
    pass


class ImageChoose(ChooserCollections, image_chooser.ImageChooseView):
    pass


class ImageChooseResults(ChooserCollections, image_chooser.ImageChooseResultsView):
    pass


class DocumentChooserViewSet(document_chooser.DocumentChooserViewSet):
    choose_view_class = DocumentChoose
    choose_results_view_class = DocumentChooseResults


class ImageChooserViewSet(image_chooser.ImageChooserViewSet):
    choose_view_class = ImageChoose
    choose_results_view_class = ImageChooseResults


# Only to build the views, with Wagtail's own arguments: Wagtail's viewsets stay registered.
document_chooser_views = DocumentChooserViewSet(
    document_chooser.viewset.name, model=get_document_model(), url_prefix="documents/chooser"
)
image_chooser_views = ImageChooserViewSet(
    image_chooser.viewset.name, model=get_image_model(), url_prefix="images/chooser"
)


class PageSearch(SearchView):
    """The admin's page search: only pages the editor may see are searched, and counted (in
    all and by type: the counts would otherwise tell that a restricted page matches)."""

    def annotate_queryset(self, pages):
        return super().annotate_queryset(visible_to(pages, self.request))

    def get_queryset(self):
        pages = super().get_queryset()
        explorable = self.permission_policy.explorable_instances(self.request.user)
        self.all_pages, _ = page_filter_search(
            self.search_query, visible_to(explorable, self.request)
        )
        if pages.supports_facet:
            self.content_types = [
                (ContentType.objects.get_for_id(content_type_id), count)
                for content_type_id, count in self.all_pages.facet("content_type_id").items()
            ]
        return pages


class PagesOfType(ContentTypeUseView):
    """The pages of one type (from the page types usage report): those the editor may see."""

    def get_base_queryset(self):
        return visible_to(super().get_base_queryset(), self.request)


class VisibleUsage:
    """For the usage of a page, document or image: what uses it, less the pages, documents
    and images the editor may not see."""

    def get_queryset(self):
        references = ReferenceIndex.get_references_to(self.object)
        for model in _private_models():
            references = references.exclude(
                base_content_type=ContentType.objects.get_for_model(model),
                object_id__in=hidden_ids(model, self.request),
            )
        return references.group_by_source_object()


class PageUsage(VisibleUsage, PageUsageView):
    pass


class DocumentUsage(VisibleUsage, documents.UsageView):
    pass


class ImageUsage(VisibleUsage, images.UsageView):
    pass


class SiteHistory(LogEntriesView):
    """Site history: no entry about a page, document, image or collection the editor may not
    see (its label is the title)."""

    def filter_queryset(self, entries):
        entries = super().filter_queryset(entries)
        if issubclass(entries.model, PageLogEntry):
            return entries.exclude(page_id__in=hidden_ids(Page, self.request))
        for model in (get_document_model(), get_image_model(), Collection):
            entries = entries.exclude(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=hidden_ids(model, self.request),
            )
        return entries


class HideRestricted:
    """For a bulk action: objects the editor may not see are left out, as unknown ids are."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        objects = [obj for obj in objects if may_see(obj, self.request)]
        context["items_with_no_access"] = [
            obj for obj in context["items_with_no_access"] if may_see(obj, self.request)
        ]
        return objects, context


def _hiding(action_class):
    return type(action_class.__name__, (HideRestricted, action_class), {})


BULK_ACTIONS = [
    _hiding(action)
    for action in (
        page_bulk_actions.PublishBulkAction,
        page_bulk_actions.UnpublishBulkAction,
        page_bulk_actions.DeleteBulkAction,
        page_bulk_actions.MoveBulkAction,
        document_bulk_actions.AddTagsBulkAction,
        document_bulk_actions.AddToCollectionBulkAction,
        document_bulk_actions.DeleteBulkAction,
        image_bulk_actions.AddTagsBulkAction,
        image_bulk_actions.AddToCollectionBulkAction,
        image_bulk_actions.DeleteBulkAction,
    )
]


class PageTypesUsageReport(PageTypesUsageReportView):
    """Page types usage: the last edited page shown is one the editor may see."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        for item in page_types:
            page = item.last_edited_page
            if page is not None and not may_see(page, self.request):
                item.last_edited_page = (
                    visible_to(Page.objects.filter(content_type=item), self.request)
                    .order_by("-latest_revision_created_at", "title", "-pk")
                    .specific()
                    .first()
                )
        return page_types


class VisiblePagesReport:
    """For a report listing pages (locked, aging): only pages the editor may see."""

    def get_queryset(self):
        return visible_to(super().get_queryset(), self.request)


class LockedPages(VisiblePagesReport, LockedPagesView):
    pass


class AgingPages(VisiblePagesReport, AgingPagesView):
    pass


def _states_of_hidden_pages(request, via=""):
    """Workflow states (``via`` "workflow_state__": their tasks) of pages the editor may not
    see."""
    return Q(
        **{
            f"{via}base_content_type": get_default_page_content_type(),
            f"{via}object_id__in": hidden_ids(Page, request),
        }
    )


class Workflows(WorkflowView):
    """Workflows: none on a page the editor may not see."""

    def get_queryset(self):
        return super().get_queryset().exclude(_states_of_hidden_pages(self.request))


class WorkflowTasks(WorkflowTasksView):
    """Workflow tasks: none on a page the editor may not see."""

    def get_queryset(self):
        hidden = _states_of_hidden_pages(self.request, via="workflow_state__")
        return super().get_queryset().exclude(hidden)


def _hidden_pages(request):
    """``hidden_ids(Page, request)``, read once a request: the dashboard's panels each ask."""
    if not hasattr(request, "hidden_page_ids"):
        request.hidden_page_ids = set(hidden_ids(Page, request))
    return request.hidden_page_ids


class VisiblePanel:
    """For a dashboard panel: what it lists less the pages the editor may not see. ``listed``
    names its list in the context and ``page_of`` finds the page of an item."""

    listed = ""

    @staticmethod
    def page_of(item):
        return item

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        hidden = _hidden_pages(parent_context["request"])
        context[self.listed] = [
            item
            for item in context[self.listed]
            if not (isinstance(page := self.page_of(item), Page) and str(page.pk) in hidden)
        ]
        return context


class ToModeratePanel(VisiblePanel, home.WorkflowObjectsToModeratePanel):
    listed = "states"

    @staticmethod
    def page_of(state):
        return state["obj"]


class InModerationPanel(VisiblePanel, home.UserObjectsInWorkflowModerationPanel):
    listed = "workflow_states"

    @staticmethod
    def page_of(state):
        return state.content_object


class RecentEditsPanel(VisiblePanel, home.RecentEditsPanel):
    listed = "last_edits"

    @staticmethod
    def page_of(edit):
        return edit[1]


class LockedPagesPanel(VisiblePanel, home.LockedPagesPanel):
    listed = "locked_pages"


# The dashboard's panels that name pages, by Wagtail's panel (replaced in wagtail_hooks.py).
VISIBLE_PANELS = {
    home.WorkflowObjectsToModeratePanel: ToModeratePanel,
    home.UserObjectsInWorkflowModerationPanel: InModerationPanel,
    home.RecentEditsPanel: RecentEditsPanel,
    home.LockedPagesPanel: LockedPagesPanel,
}


# --- any admin view, by the ids in its address -------------------------------------------------

# The names Wagtail's admin URLs give the id of a page, document or image.
PAGE_IDS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
DOCUMENT_IDS = ("document_id", "doc_id")
IMAGE_IDS = ("image_id",)
# The views that take the ids of the chosen objects in the query string, by namespace.
CHOSEN_MULTIPLE = {
    "": "page",  # wagtailadmin_choose_page_chosen_multiple
    "wagtaildocs_chooser": "document",
    "wagtailimages_chooser": "image",
}
# The namespaces whose views name their object ``pk``.
PK_NAMESPACES = {
    "wagtailadmin_pages": "page",
    "wagtaildocs_chooser": "document",
    "wagtailimages_chooser": "image",
}


def _model(kind):
    return {"page": Page, "document": get_document_model(), "image": get_image_model()}[kind]


def named_objects(request, kwargs):
    """The (model, id) of each page, document or image that an admin address names."""
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    for name, value in kwargs.items():
        if name in PAGE_IDS:
            kind = "page"
        elif name in DOCUMENT_IDS:
            kind = "document"
        elif name in IMAGE_IDS:
            kind = "image"
        elif name == "pk" and namespace in PK_NAMESPACES:
            kind = PK_NAMESPACES[namespace]
        else:
            continue
        if str(value).isascii() and str(value).isdigit():
            yield _model(kind), int(value)


CHOSEN_MULTIPLE_NAMES = ("chosen_multiple", "wagtailadmin_choose_page_chosen_multiple")


def keep_visible_ids(request, model):
    """Leave out of ``?id=…`` the objects the editor may not see, as unknown ids are."""
    ids = [pk for pk in request.GET.getlist("id") if pk.isascii() and pk.isdigit()]
    visible = visible_to(model.objects.filter(pk__in=ids), request).values_list("pk", flat=True)
    request.GET = request.GET.copy()
    request.GET.setlist("id", [str(pk) for pk in visible])


def not_found(request):
    """The admin's own 'not found' page, kept by no browser, as Wagtail answers a missing id."""
    response = page_not_found(request, Http404(), template_name="wagtailadmin/404.html")
    add_never_cache_headers(response)
    return response


def hide_restricted_objects(view):
    """An admin view that answers 'not found' for a page, document or image the editor may not
    see, exactly as for one that does not exist (the admin's 404 page: the site's would tell
    the two apart), and for whatever the view does not find (Wagtail's own views do so)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            return view(request, *args, **kwargs)  # sent to log in, whatever the id
        match = request.resolver_match
        if match and match.url_name in CHOSEN_MULTIPLE_NAMES:
            keep_visible_ids(request, _model(CHOSEN_MULTIPLE.get(match.namespace, "page")))
        for model, pk in named_objects(request, kwargs):
            objects = model.objects.filter(pk=pk)
            if objects.exists() and not visible_to(objects, request).exists():
                return not_found(request)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return not_found(request)

    return guarded


# --- views in front of Wagtail's, at its addresses ----------------------------------------------


def listing(prefix, make):
    """A listing's address and that of its results (what its filters reload), as Wagtail's:
    ``make`` builds the view (``View.as_view``), given ``results_only`` for the second."""
    return [path(prefix, make()), path(f"{prefix}results/", make(results_only=True))]


def page_view(view_class, **kwargs):
    """Builds ``view_class`` as Wagtail's base page viewset builds its own (for ``listing``)."""
    return partial(base_page_viewset.construct_view, view_class, **kwargs)


urlpatterns = decorate_urlpatterns(
    [
        *listing("reports/page-types-usage/", PageTypesUsageReport.as_view),
        *listing("documents/", DocumentIndex.as_view),
        *listing("images/", ImageIndex.as_view),
        path("documents/multiple/add/", DocumentAddMultiple.as_view()),
        path("images/multiple/add/", ImageAddMultiple.as_view()),
        path("documents/chooser/", document_chooser_views.choose_view),
        path("documents/chooser/results/", document_chooser_views.choose_results_view),
        path("images/chooser/", image_chooser_views.choose_view),
        path("images/chooser/results/", image_chooser_views.choose_results_view),
        *listing("pages/search/", page_view(PageSearch)),
        *listing(
            "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
            page_view(PagesOfType, **base_page_viewset.get_index_view_kwargs()),
        ),
        path("pages/<int:page_id>/usage/", base_page_viewset.construct_view(PageUsage)),
        path("pages/<int:page_id>/edit/", base_page_viewset.construct_view(EditPage)),
        path(
            "pages/<int:page_id>/revisions/<int:revision_id>/revert/",
            base_page_viewset.construct_view(RevertPage),
        ),
        path("documents/usage/<int:document_id>/", DocumentUsage.as_view()),
        path("images/usage/<int:image_id>/", ImageUsage.as_view()),
        *listing("reports/site-history/", SiteHistory.as_view),
        *listing("reports/aging-pages/", AgingPages.as_view),
        *listing("reports/locked/", LockedPages.as_view),
        *listing("reports/workflow/", Workflows.as_view),
        *listing("reports/workflow_tasks/", WorkflowTasks.as_view),
    ],
    require_admin_access,
)
# As Wagtail's own admin views: never kept by a browser (a shared computer's Back button).
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
urlpatterns = decorate_urlpatterns(urlpatterns, hide_restricted_objects)
