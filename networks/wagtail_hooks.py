from wagtail import hooks

from .models import NetworkPage
from .permissions import ensure_network_editors


@hooks.register("after_create_page")
def create_network_editors(request, page):
    """A new network gets its own editors group and document collection straight away."""
    if isinstance(page.specific, NetworkPage):
        ensure_network_editors(page.specific)
