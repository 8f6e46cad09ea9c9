"""Generation counters kept in Django's cache, and the content changes that advance them.

A cache whose keys hold a generation number is emptied at once by starting a new generation:
the old entries are never read again and expire on their own. The page cache and the content
cache each keep one, advanced by the same changes: a save or deletion of Wagtail's content,
found from its registries rather than named one by one.
"""

import time

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models


class Generation:
    """A counter under ``key`` in the shared cache.

    A counter that is missing (a new cache, or one the cache dropped to make room) starts from
    the clock in nanoseconds, above any number it held before: entries kept under an old
    generation are never read again, even when the counter itself was lost."""

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        generation = cache.get(self.key)
        if generation is None:
            cache.add(self.key, time.time_ns(), timeout=None)
            generation = cache.get(self.key)
        return generation

    def advance(self) -> None:
        """Start a new generation: everything kept under the old one is built afresh."""
        try:
            cache.incr(self.key)
        except ValueError:  # no generation (an empty cache, or the counter was dropped)
            cache.add(self.key, time.time_ns(), timeout=None)


def content_models() -> tuple:
    """The models whose changes can change a public page: Wagtail's content, found from its
    registries (every snippet, every site setting) rather than named one by one."""
    return (
        Page,
        get_document_model(),
        get_image_model(),
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
        Redirect,
        Site,
        *get_snippet_models(),
        *settings_registry,
    )


def on_content_change(handler, name: str) -> None:
    """Call ``handler()`` after every change to content: a save, deletion or many-to-many change
    of a content model, and a page published, unpublished or moved. ``name`` keeps the
    connections unique; called once from the app's ``ready()``."""

    def changed(sender, instance=None, **kwargs):
        if isinstance(instance, content_models()):
            handler()

    def page_event(sender, **kwargs):
        handler()

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(changed, dispatch_uid=f"{name}_{id(signal)}", weak=False)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_event, dispatch_uid=f"{name}_{id(signal)}", weak=False)
