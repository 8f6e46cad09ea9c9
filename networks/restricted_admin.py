"""The admin views that would show a restricted page, document or image to an editor outside
its groups, made to follow ``networks.access.visible_to``.

Most of the admin already lists only what an editor has permissions on, and the hooks in
wagtail_hooks.py filter the page, document and image choosers and the explorer. Four places
show titles whatever the editor's permissions, and Wagtail has no hook for them:

- the page chooser's header and breadcrumbs name the page being browsed, whatever its id;
- the page chooser's "chosen" step returns the title of any page id it is given;
- bulk actions list, under "You don't have permission", every object whose id is in the
  address, so that any title can be read by guessing ids;
- the page types usage report names the last edited page of each type.

Each is a small subclass of Wagtail's view: the first two answer 404 for a page the editor may
not see, the bulk actions leave such objects out (as if the id did not exist), and the report
names the last edited page that the editor may see. ``urlpatterns`` puts them in front of
Wagtail's admin URLs (seslip/urls.py), at the same addresses and behind the same check of
admin access.
"""

from django.http import Http404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .access import may_see, visible_to


class PageChooserBrowseView(chooser.BrowseView):
    """The page chooser: a page the editor may not see cannot be browsed into."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not visible_to(Page.objects.filter(pk=parent_page_id), request):
            raise Http404("No such page")
        return super().get(request, parent_page_id)


class PageChosenMultipleView(chooser.ChosenMultipleView):
    """The page chooser's answer for several pages: only pages the editor may see."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isascii() and pk.isdigit()]
        visible = visible_to(Page.objects.filter(pk__in=ids), request)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        return super().get(request)


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
        path(
            "choose-page/<int:parent_page_id>/",
            PageChooserBrowseView.as_view(),
            name="wagtailadmin_choose_page_child",
        ),
        path(
            "choose-page/chosen-multiple/",
            PageChosenMultipleView.as_view(),
            name="wagtailadmin_choose_page_chosen_multiple",
        ),
        path("reports/page-types-usage/", PageTypesUsageReport.as_view()),
        path("reports/page-types-usage/results/", PageTypesUsageReport.as_view(results_only=True)),
    ],
    require_admin_access,
)
