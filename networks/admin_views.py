"""The programme manager's admin for restricted access: requests (to approve or refuse), the
access groups offered to visitors, and the log of restricted downloads (exportable as CSV)."""

import smtplib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .access_requests import AlreadyDecided, ClosedAccount, approve, existing_account, refuse
from .forms import AccessDecisionForm
from .models import AccessGroup, AccessRequest, DocumentDownload

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CLOSED_ACCOUNT = (
    "An account with this address was closed, so the request cannot be approved here: that "
    "would reopen the account with its history, groups and password. Reopen it yourself under "
    "Settings → Users, taking away what the person should not have, then approve; or refuse and "
    "ask them to use another address."
)


def csv_safe(value):
    """A value for a CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# --- requests for access -------------------------------------------------------------------------


class EmailCheckColumn(Column):
    """The flag on an address outside the authority's email domains."""

    cell_template_name = "networks/admin/email_check_cell.html"


class AccessRequestIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return []


class ReviewAccessRequestView(WagtailAdminTemplateMixin, FormView):
    """A request's details, and the decision: approve or refuse."""

    template_name = "networks/admin/review_access_request.html"
    form_class = AccessDecisionForm
    page_title = "Request for access"
    header_icon = "key"
    index_url_name = None
    review_url_name = None
    delete_url_name = None

    def dispatch(self, request, pk):
        if not request.user.has_perm("networks.change_accessrequest"):
            raise PermissionDenied
        self.object = get_object_or_404(
            AccessRequest.objects.select_related(
                "organisation", "access_group__group", "decided_by", "user"
            ),
            pk=pk,
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Requests for access"},
            {"url": "", "label": self.object.name},
        ]

    def get_initial(self):
        return {"access_group": self.object.access_group_id}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access_request"] = self.object
        account = existing_account(self.object) if self.object.is_pending else None
        if account is not None and not account.is_active:
            context["closed_account"] = CLOSED_ACCOUNT
        context["index_url"] = reverse(self.index_url_name)
        context["others_waiting"] = [
            (other, reverse(self.review_url_name, args=[other.pk]))
            for other in self.object.others_waiting()
        ]
        if self.request.user.has_perm("networks.delete_accessrequest"):
            context["delete_url"] = reverse(self.delete_url_name, args=[self.object.pk])
        return context

    def form_valid(self, form):
        if not self.object.is_pending:
            form.add_error(None, "This request has been decided already.")
            return self.form_invalid(form)
        reply = form.cleaned_data["reply"].strip()
        try:
            if form.cleaned_data["decision"] == "approve":
                approve(
                    self.object,
                    self.request.user,
                    access_group=form.cleaned_data["access_group"],
                    reply=reply,
                )
                done = f"Approved: {self.object.name} can now open what "
                done += f"‘{form.cleaned_data['access_group']}’ opens, and has been emailed."
            else:
                refuse(self.object, self.request.user, reply=reply)
                done = f"Refused: {self.object.name} has been emailed."
        except AlreadyDecided as decided:
            form.add_error(None, f"Someone has decided this request already ({decided}).")
            return self.form_invalid(form)
        except ClosedAccount:
            form.add_error(None, CLOSED_ACCOUNT)
            return self.form_invalid(form)
        except (smtplib.SMTPException, OSError) as error:
            form.add_error(
                None,
                f"The email to {self.object.email} could not be sent ({error}), so nothing has "
                "changed: the request is still waiting. Try again later, or check the address.",
            )
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect(self.index_url_name)


class AccessRequestViewSet(ModelViewSet):
    model = AccessRequest
    name = "access_requests"
    add_to_reference_index = False
    icon = "mail"
    menu_label = "Requests for access"
    menu_order = 100
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = AccessRequestIndexView
    list_filter = ["status", "access_group"]
    search_fields = ["name", "email", "organisation__name"]
    search_backend_name = None

    @property
    def list_display(self):
        return [
            TitleColumn(
                "name",
                label="Name",
                get_url=lambda r: reverse(f"{self.name}:review", args=[r.pk]),
            ),
            Column("organisation", label="Authority"),
            Column("email", label="Email"),
            EmailCheckColumn("email_check", label="Email check"),
            Column("access_group", label="Access to"),
            StatusTagColumn(
                "status",
                accessor="get_status_display",
                label="Status",
                primary=lambda r: r.is_pending,
            ),
            DateColumn("created_at", label="Received", sort_key="created_at"),
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, edit_url_name=None, **kwargs)

    def get_queryset(self, request):
        return AccessRequest.objects.select_related("organisation", "access_group__group")

    @property
    def review_view(self):
        return ReviewAccessRequestView.as_view(
            index_url_name=self.get_url_name("index"),
            review_url_name=self.get_url_name("review"),
            delete_url_name=self.get_url_name("delete"),
        )

    def get_urlpatterns(self):
        # Requests come from the public form: no add or edit views, and the review view
        # stands in for the edit view (so the admin's links to a request open it).
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("review/<int:pk>/", self.review_view, name="review"),
            path("review/<int:pk>/", self.review_view, name="edit"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
        ]


# --- access groups -------------------------------------------------------------------------------


class AccessGroupViewSet(ModelViewSet):
    model = AccessGroup
    name = "access_groups"
    icon = "group"
    menu_label = "Access groups"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["group", "description", "network", "open_to_requests"]
    form_fields = ["group", "description", "network", "open_to_requests"]


# --- restricted downloads --------------------------------------------------------------------


class DownloadIndexView(IndexView):
    custom_field_preprocess = {
        field: {"csv": csv_safe, "xlsx": csv_safe}
        for field in ("username", "user_name", "document_title", "collection_name")
    }

    def get_list_more_buttons(self, instance):
        return []


class DocumentDownloadViewSet(ModelViewSet):
    model = DocumentDownload
    name = "restricted_downloads"
    add_to_reference_index = False
    icon = "download"
    menu_label = "Restricted downloads"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = DownloadIndexView
    list_display = [
        DateColumn("downloaded_at", label="When", sort_key="downloaded_at"),
        Column("username", label="User"),
        Column("document_title", label="Document"),
        Column("collection_name", label="Collection"),
    ]
    list_filter = ["downloaded_at", "document"]
    list_export = ["downloaded_at", "username", "user_name", "document_title", "collection_name"]
    export_headings = {
        "downloaded_at": "When",
        "username": "User",
        "user_name": "Name",
        "document_title": "Document",
        "collection_name": "Collection",
    }
    export_filename = "restricted-downloads"
    search_fields = ["username", "document_title"]
    search_backend_name = None

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs
        )

    def get_queryset(self, request):
        return DocumentDownload.objects.select_related("user")

    def get_urlpatterns(self):
        # The log is read-only: no add, edit or delete views.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def register_admin_url_finder(self):
        pass  # there is no edit view to link to


class RestrictedAccessGroup(ModelViewSetGroup):
    menu_label = "Restricted access"
    menu_icon = "lock"
    menu_order = 250
    items = (AccessRequestViewSet, DocumentDownloadViewSet, AccessGroupViewSet)
