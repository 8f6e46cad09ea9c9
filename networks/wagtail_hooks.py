from wagtail import hooks

from . import access
from .admin_views import RestrictedAccessGroup
from .models import NetworkPage
from .permissions import ensure_network_editors


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
