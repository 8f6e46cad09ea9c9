"""Building a lot of content for a test the way an import would: indexed once at the end.

Saving a page or snippet updates Wagtail's search index and reference index at once (the tasks
run in the request: ``TASKS`` in the settings), a few queries an object. Tests that build hundreds
of objects to count a page's queries build them inside ``indexed_at_the_end()`` instead: the
content is the same, and it is indexed in one pass, as ``manage.py update_index`` does. Public
pages never read the reference index (the admin's usage counts do); search finds what it would
have found.
"""

import contextlib
import io

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextlib.contextmanager
def indexed_at_the_end():
    manual = {
        name: {**backend, "AUTO_UPDATE": False}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with disable_reference_index_auto_update(), override_settings(WAGTAILSEARCH_BACKENDS=manual):
        yield
    call_command("update_index", stdout=io.StringIO())
