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


class CachedLinksMixin:
    """Keeps a link handler's expanded links under ``cache_name`` per content generation."""

    cache_name = ""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return content_cache.get_or_build(
            cls.cache_name,
            lambda: super(CachedLinksMixin, cls).expand_db_attributes_many(attrs_list),
            tuple(str(attrs.get("id")) for attrs in attrs_list),
            translation.get_language(),
        )


class CachedPageLinkHandler(CachedLinksMixin, PageLinkHandler):
    """Wagtail's page links, their addresses kept per content generation."""

    cache_name = "rich-text-page-links"


class CachedDocumentLinkHandler(CachedLinksMixin, DocumentLinkHandler):
    """Wagtail's document links, their addresses kept per content generation."""

    cache_name = "rich-text-document-links"
