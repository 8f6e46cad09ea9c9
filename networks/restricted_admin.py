"""The admin views that would show a restricted page, document or image to an editor outside
its groups, made to follow ``core.privacy.visible_to``.

The hooks in wagtail_hooks.py filter the page, document and image choosers and the explorer.
Where Wagtail has no hook:

- ``hide_restricted_objects`` wraps every admin view (seslip/urls.py).
  It answers 404 when an id in the address names a page, document or image the editor may not
  see, before Wagtail's view runs: the page chooser browsing into a restricted section, and
  edit, history, revisions, usage, preview, copy, move, the choosers' "chosen" steps, for an
  editor whose permissions cover the whole site (Wagtail's "Editors" group). The choosers'
  "chosen" step for several objects (``?id=…``) keeps only those the editor may see.
- Bulk actions list, under "You don't have permission", every object whose id is in the
  address, so that any title could be read by guessing ids: ``BULK_ACTIONS`` leave out what
  the editor may not see, as if the id did not exist (registered in wagtail_hooks.py).
- The admin API lists all the pages an editor may explore: ``PagesAdminAPI`` replaces its
  pages endpoint (wagtail_hooks.py).
- The page types usage report names the last edited page of each type, and the document and
  image listings show all those of the collections an editor may change: ``urlpatterns`` puts
  subclasses of these views in front of Wagtail's, at the same addresses and behind the same
  check of admin access.
"""

from functools import wraps

from django.http import Http404
from django.urls import path
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import get_document_model
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.documents.views import documents
from wagtail.images import get_image_model
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.images.views import images
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.privacy import may_see, visible_to


class PagesAdminAPI(PagesAdminAPIViewSet):
    """The admin's API for pages (the sidebar's page explorer): only pages the editor may
    see, whatever the filters (registered by wagtail_hooks.py)."""

    def get_base_queryset(self):
        return visible_to(super().get_base_queryset(), self.request)


class VisibleOnly:
    """For a listing of documents or images: only those the editor may see."""

    def get_base_queryset(self):
        return visible_to(super().get_base_queryset(), self.request)


class DocumentIndex(VisibleOnly, documents.IndexView):
    pass


class ImageIndex(VisibleOnly, images.IndexView):
    pass


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


urlpatterns = decorate_urlpatterns(
    [
        path("reports/page-types-usage/", PageTypesUsageReport.as_view()),
        path("reports/page-types-usage/results/", PageTypesUsageReport.as_view(results_only=True)),
        path("documents/", DocumentIndex.as_view()),
        path("documents/results/", DocumentIndex.as_view(results_only=True)),
        path("images/", ImageIndex.as_view()),
        path("images/results/", ImageIndex.as_view(results_only=True)),
    ],
    require_admin_access,
)


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


def hide_restricted_objects(view):
    """An admin view that answers 404 for a page, document or image the editor may not see."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        match = request.resolver_match
        if match and match.url_name in CHOSEN_MULTIPLE_NAMES:
            keep_visible_ids(request, _model(CHOSEN_MULTIPLE.get(match.namespace, "page")))
        for model, pk in named_objects(request, kwargs):
            objects = model.objects.filter(pk=pk)
            if objects.exists() and not visible_to(objects, request).exists():
                raise Http404("No such page, document or image")
        return view(request, *args, **kwargs)

    return guarded
