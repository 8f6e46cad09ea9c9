"""Wagtail's privacy rules read for our listings: which pages and documents a visitor may open.

Page privacy (PageViewRestriction) and collection privacy (CollectionViewRestriction) hold the
rules; this module only reads them, and knows none of the networks app's models, so that the
report pages can use it (networks/access.py builds the explanations on top).
"""

from wagtail.models import BaseViewRestriction, PageViewRestriction


def _page_restrictions():
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def visible_to(queryset, request):
    """The pages of ``queryset`` that the request may open: public pages, and restricted ones
    whose every restriction lets this visitor in."""
    for restriction in _page_restrictions():
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset


def restricted_page_ids(pages):
    """The ids of those ``pages`` that are in a restricted section (to label them)."""
    restricted_paths = [r.page.path for r in _page_restrictions()]
    return {
        page.pk for page in pages if any(page.path.startswith(path) for path in restricted_paths)
    }


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
    return list(document.collection.get_view_restrictions().prefetch_related("groups"))


def is_restricted(document):
    return document.collection.get_view_restrictions().exists()
