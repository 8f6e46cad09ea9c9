"""The site's URLs and one address that fails, for the test of the 500 page (tests only)."""

from django.urls import path

from seslip import urls


def fail(request):
    raise RuntimeError("a secret detail of the failure")


urlpatterns = [path("test-failure/", fail), *urls.urlpatterns]
handler404 = urls.handler404
handler500 = urls.handler500
