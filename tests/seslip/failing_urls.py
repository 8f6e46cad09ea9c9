"""The site's URLs plus one view that fails, to see the 500 page as visitors get it."""

from django.urls import path

from seslip.urls import handler404, handler500  # noqa: F401
from seslip.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("A view that fails")


urlpatterns = [path("fail/", fail), *site_urlpatterns]
