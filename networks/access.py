"""Restricted pages, documents and images: who may see them, and what everyone else sees.

Wagtail's page privacy (PageViewRestriction) and collection privacy (CollectionViewRestriction)
hold the rules. Wagtail asks an anonymous visitor to log in (WAGTAIL_FRONTEND_LOGIN_URL); the hooks
in wagtail_hooks.py call ``page_denied`` and ``document_denied`` first, so that a logged-in person
without access gets a page that explains who can have access and how to ask (status 403), rather
than another login form.

The one rule, used by the public site and the admin alike: a page, document or image may be seen
(its title, summary, file name or size shown, its file served) only by a request that every view
restriction over it accepts: the privacy of the page and of its ancestors, or of its collection
and of the collection's ancestors. Superusers pass every group restriction (Wagtail's
``accept_request``). ``visible_to`` filters a queryset of pages, documents or images by it, and
``may_see`` answers for one object; nothing else decides.
"""

from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

SIGNATORIES_GROUP = "Data Sharing Protocol signatories"


# --- the rule ----------------------------------------------------------------------------------


def _page_restrictions():
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def _collection_restrictions():
    return list(
        CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
    )


def _is_page_model(model):
    return issubclass(model, Page)


def visible_to(queryset, request):
    """The pages, documents or images of ``queryset`` that the request may see: public ones,
    and restricted ones whose every restriction lets this visitor in."""
    if _is_page_model(queryset.model):
        for restriction in _page_restrictions():
            if not restriction.accept_request(request):
                queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
        return queryset
    return queryset.exclude(collection__in=hidden_collection_ids(request))


def hidden_collection_ids(request):
    """The collections (with their descendants) whose privacy refuses the request."""
    refused = [
        r.collection.path for r in _collection_restrictions() if not r.accept_request(request)
    ]
    if not refused:
        return []
    hidden = Q()
    for path in refused:
        hidden |= Q(path__startswith=path)
    return list(Collection.objects.filter(hidden).values_list("pk", flat=True))


def restrictions_over(obj):
    """The view restrictions that apply to a page, or to a document's or image's collection."""
    if isinstance(obj, Page):
        return list(obj.get_view_restrictions().prefetch_related("groups"))
    if getattr(obj, "collection_id", None) is None:
        return []  # not kept in a collection (a snippet): no privacy of its own
    return list(obj.collection.get_view_restrictions().prefetch_related("groups"))


def may_see(obj, request):
    """Whether the request may see this page, document or image (``visible_to`` for one)."""
    return all(r.accept_request(request) for r in restrictions_over(obj))


class EditorRequest:
    """What the rule asks of a request, for an editor seen from a form: their account, and no
    page password entered."""

    def __init__(self, user):
        self.user = user
        self.session = {}


def may_see_as(user, obj):
    """``may_see`` for an editor outside a request (a form checking what they chose)."""
    return may_see(obj, EditorRequest(user))


def restricted_for(obj):
    """Who a restricted page, document or image is for, as visitors read it."""
    names = sorted({g.name for r in restrictions_over(obj) for g in r.groups.all()})
    return ", ".join(names) or "some people"


def is_restricted(obj):
    """Whether a page, document or image is restricted to some people (whoever asks)."""
    return bool(restrictions_over(obj))


def restricted_page_ids(pages):
    """The ids of those ``pages`` that are in a restricted section (to label them)."""
    return set(restricted_to(pages))


def restricted_to(pages):
    """For those ``pages`` that are in a restricted section: id -> the names of the groups its
    privacy names, as visitors read them ('Data Sharing Protocol signatories')."""
    restrictions = _page_restrictions()
    labels = {}
    for page in pages:
        names = sorted(
            {
                group.name
                for r in restrictions
                if page.path.startswith(r.page.path)
                for group in r.groups.all()
            }
        )
        if names or any(page.path.startswith(r.page.path) for r in restrictions):
            labels[page.pk] = ", ".join(names) or "people who have the password"
    return labels


# --- pages and documents refused to a logged-in visitor ----------------------------------------


def _refused(restrictions, request):
    """The group restrictions that refuse this logged-in visitor, or None when another kind of
    restriction (a password) should be left to Wagtail."""
    refused = [r for r in restrictions if not r.accept_request(request)]
    if not refused:
        return []
    if any(r.restriction_type != BaseViewRestriction.GROUPS for r in refused):
        return None
    return refused


def page_denied(page, request):
    """The explanation (403) for a logged-in visitor who may not open this page, or None."""
    if not request.user.is_authenticated:
        return None  # Wagtail asks them to log in
    refused = _refused(page.get_view_restrictions().prefetch_related("groups"), request)
    if not refused:
        return None
    return access_denied_response(request, "page", refused)


def document_restrictions(document):
    return restrictions_over(document)


def document_denied(document, request):
    """The explanation (403) for a logged-in visitor who may not download this document.
    Marks the request when the document is restricted (networks.documents.serve_document)."""
    restrictions = document_restrictions(document)
    request.restricted_document = bool(restrictions)
    if not request.user.is_authenticated:
        return None  # Wagtail asks them to log in
    refused = _refused(restrictions, request)
    if not refused:
        return None
    return access_denied_response(request, "document", refused)


def document_access(document, request):
    """For a report page: whether its document is restricted and whether this visitor may
    download it, with the groups that may."""
    restrictions = document_restrictions(document)
    if not restrictions:
        return {"restricted": False, "allowed": True, "groups": []}
    allowed = all(r.accept_request(request) for r in restrictions)
    return {
        "restricted": True,
        "allowed": allowed,
        "groups": access_groups_for(restrictions),
    }


# --- explaining ------------------------------------------------------------------------------


def access_groups_for(restrictions):
    """The groups named by these restrictions, each with its description for visitors."""
    from networks.models import AccessGroup

    groups = {g.pk: g for r in restrictions for g in r.groups.all()}
    described = {
        a.group_id: a for a in AccessGroup.objects.filter(group__in=groups).select_related("group")
    }
    result = []
    for pk, group in sorted(groups.items(), key=lambda item: item[1].name):
        access = described.get(pk)
        result.append(
            {
                "name": group.name,
                "description": access.description if access else "",
                "request_url": (
                    f"{reverse('request_access')}?group={access.pk}"
                    if access and access.open_to_requests
                    else None
                ),
            }
        )
    return result


def access_denied_response(request, what, restrictions):
    """A page saying who can open this page or document, and how to ask (status 403).
    It names neither the page nor the document: their titles may be restricted too."""
    from networks.models import AccessRequest, ReportIndexPage

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
    from networks.models import DocumentDownload

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
