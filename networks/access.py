"""Restricted pages and documents: who may open them, and what everyone else sees.

Wagtail's page privacy (PageViewRestriction) and collection privacy (CollectionViewRestriction)
hold the rules. Wagtail asks an anonymous visitor to log in (WAGTAIL_FRONTEND_LOGIN_URL); the hooks
in wagtail_hooks.py call ``page_denied`` and ``document_denied`` first, so that a logged-in person
without access gets a page that explains who can have access and how to ask (status 403), rather
than another login form. Listings use ``core.privacy.visible_to`` so that restricted titles never
appear to anyone who may not open them.
"""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from core.privacy import document_restrictions, is_restricted, refused_restrictions

from .models import AccessRequest, DocumentDownload, ReportIndexPage, access_groups_for

SIGNATORIES_GROUP = "Data Sharing Protocol signatories"


# --- pages -------------------------------------------------------------------------------------


def page_denied(page, request):
    """The explanation (403) for a logged-in visitor who may not open this page, or None."""
    if not request.user.is_authenticated:
        return None  # Wagtail asks them to log in
    refused = refused_restrictions(page.get_view_restrictions().prefetch_related("groups"), request)
    if not refused:
        return None
    return access_denied_response(request, "page", refused)


# --- documents ---------------------------------------------------------------------------------


def document_denied(document, request):
    """The explanation (403) for a logged-in visitor who may not download this document.
    Marks the request when the document is restricted (networks.documents.serve_document)."""
    restrictions = document_restrictions(document)
    request.restricted_document = bool(restrictions)
    if not request.user.is_authenticated:
        return None  # Wagtail asks them to log in
    refused = refused_restrictions(restrictions, request)
    if not refused:
        return None
    return access_denied_response(request, "document", refused)


# --- explaining ------------------------------------------------------------------------------


def access_denied_response(request, what, restrictions):
    """A page saying who can open this page or document, and how to ask (status 403).
    It names neither the page nor the document: their titles may be restricted too."""
    library = ReportIndexPage.objects.live().first()
    pending = (
        AccessRequest.objects.filter(
            email__iexact=request.user.email or request.user.get_username(),
            status=AccessRequest.Status.PENDING,
        )
        .order_by("-created_at")
        .first()
    )
    response = TemplateResponse(
        request,
        "networks/access_denied.html",
        {
            "what": what,
            "groups": access_groups_for(restrictions),
            "pending_request": pending,
            "request_url": reverse("request_access"),
            "library_url": library.get_url(request) if library else None,
        },
        status=403,
    )
    add_never_cache_headers(response)
    return response


def log_download(sender, instance, request, **kwargs):
    """Record who downloaded a restricted document, and when (Wagtail's document_served)."""
    restricted = getattr(request, "restricted_document", None)  # set by document_denied
    if not (is_restricted(instance) if restricted is None else restricted):
        return
    user = request.user if request.user.is_authenticated else None
    DocumentDownload.objects.create(
        user=user,
        username=user.get_username() if user else "",
        document=instance,
        document_title=instance.title[:255],
        collection_name=instance.collection.name[:255],
    )
