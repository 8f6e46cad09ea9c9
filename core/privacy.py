"""Who may see a page, document or image: Wagtail's privacy rules, read in one place.

Wagtail's page privacy (PageViewRestriction) and collection privacy (CollectionViewRestriction)
hold the rules. The one rule, used by the public site and the admin alike: a page, document or
image may be seen (its title, summary, file name or size shown, its file served) only by a request
that every view restriction over it accepts: the privacy of the page and of its ancestors, or of
its collection and of the collection's ancestors. Superusers pass every group restriction
(Wagtail's ``accept_request``). ``visible_to`` filters a queryset of pages, documents or images by
it, and ``may_see`` answers for one object; nothing else decides. It knows no app of the site, so
every app may use it (networks/access.py explains a refusal to visitors on top of it).
"""

from django.db.models import Q
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)


def page_restrictions():
    """Every page's view restriction with its page and groups: a view asking both
    ``visible_to`` and ``restricted_to`` reads them once and gives them to each."""
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def _collection_restrictions():
    return list(
        CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
    )


def _is_page_model(model):
    return issubclass(model, Page)


def visible_to(queryset, request, restrictions=None):
    """The pages, documents or images of ``queryset`` that the request may see: public ones,
    and restricted ones whose every restriction lets this visitor in. ``restrictions`` (pages
    only): ``page_restrictions()`` when already read."""
    if _is_page_model(queryset.model):
        if restrictions is None:
            restrictions = page_restrictions()
        for restriction in restrictions:
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


def restricted_to(pages, restrictions=None):
    """For those ``pages`` that are in a restricted section: id -> the names of the groups its
    privacy names, as visitors read them ('Data Sharing Protocol signatories'). ``restrictions``:
    ``page_restrictions()`` when already read."""
    if restrictions is None:
        restrictions = page_restrictions()
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


def refused_restrictions(restrictions, request):
    """The group restrictions that refuse this logged-in visitor, or None when another kind of
    restriction (a password) should be left to Wagtail."""
    refused = [r for r in restrictions if not r.accept_request(request)]
    if not refused:
        return []
    if any(r.restriction_type != BaseViewRestriction.GROUPS for r in refused):
        return None
    return refused


def document_restrictions(document):
    return restrictions_over(document)
