from wagtail import hooks

from core.privacy import visible_to

from . import access
from .admin_views import RestrictedAccessGroup
from .models import NetworkPage
from .permissions import ensure_network_editors
from .restricted_admin import BULK_ACTIONS, VISIBLE_PANELS, PagesAdminAPI


@hooks.register("after_create_page")
def create_network_editors(request, page):
    """A new network gets its own editors group and document collection straight away."""
    if isinstance(page.specific, NetworkPage):
        ensure_network_editors(page.specific)


# --- restricted reports and documents ------------------------------------------------------------


@hooks.register("before_serve_page")
def explain_restricted_page(page, request, serve_args, serve_kwargs):
    """A logged-in visitor without access gets an explanation, not another login form."""
    return access.page_denied(page, request)


# Before Wagtail's own check (order 0), which would send them to the login page again.
@hooks.register("before_serve_document", order=-1)
def explain_restricted_document(document, request):
    return access.document_denied(document, request)


@hooks.register("register_admin_viewset")
def register_restricted_access():
    return RestrictedAccessGroup()


# --- restricted content stays out of the admin for editors outside its groups -----------------
# (core.privacy.visible_to is the rule; restricted_admin.py covers the views with no hook)


@hooks.register("construct_homepage_panels")
def hide_restricted_pages_on_dashboard(request, panels):
    """The dashboard's panels list no page the editor may not see (restricted_admin.py)."""
    panels[:] = [
        VISIBLE_PANELS[type(panel)]() if type(panel) in VISIBLE_PANELS else panel
        for panel in panels
    ]


@hooks.register("construct_page_chooser_queryset")
def hide_restricted_pages_in_chooser(pages, request):
    return visible_to(pages, request)


@hooks.register("construct_explorer_page_queryset")
def hide_restricted_pages_in_explorer(parent_page, pages, request):
    return visible_to(pages, request)


@hooks.register("construct_document_chooser_queryset")
def hide_restricted_documents_in_chooser(documents, request):
    return visible_to(documents, request)


@hooks.register("construct_image_chooser_queryset")
def hide_restricted_images_in_chooser(images, request):
    return visible_to(images, request)


# After Wagtail's own registrations (order 0), so that these replace them.
for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)


@hooks.register("construct_admin_api")
def hide_restricted_pages_in_admin_api(router):
    router.register_endpoint("pages", PagesAdminAPI)
