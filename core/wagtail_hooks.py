"""Core's changes to Wagtail: rich text links expanded from the content cache."""

from wagtail import hooks

from .rich_text import CachedDocumentLinkHandler, CachedPageLinkHandler


# After Wagtail's own registrations (order 0), so that these handlers replace them.
@hooks.register("register_rich_text_features", order=100)
def register_cached_link_handlers(features):
    features.register_link_type(CachedPageLinkHandler)
    features.register_link_type(CachedDocumentLinkHandler)
