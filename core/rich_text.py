"""Links in rich text, expanded without a query once per content generation.

Rich text is stored with links by id (``<a linktype="page" id="12">``); showing it turns each
into the page's or document's address, which costs queries on every rendering (two for pages:
their types, then their specific forms). These handlers keep the expanded ``<a href="…">`` of
each set of links in the content cache (``core.content_cache``), so they are read again only
after a change to content (a page moved or renamed, a document replaced). An address is the same
for every visitor: the page or document checks who may see it when it is opened.
"""

from django.utils import translation
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from . import content_cache


def _ids(attrs_list):
    return tuple(str(attrs.get("id")) for attrs in attrs_list)


class CachedPageLinkHandler(PageLinkHandler):
    """Wagtail's page links, their addresses kept per content generation."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return content_cache.get_or_build(
            "rich-text-page-links",
            lambda: super(CachedPageLinkHandler, cls).expand_db_attributes_many(attrs_list),
            _ids(attrs_list),
            translation.get_language(),
        )


class CachedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document links, their addresses kept per content generation."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return content_cache.get_or_build(
            "rich-text-document-links",
            lambda: super(CachedDocumentLinkHandler, cls).expand_db_attributes_many(attrs_list),
            _ids(attrs_list),
        )
