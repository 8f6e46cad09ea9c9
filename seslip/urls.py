from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from networks.documents import serve_document
from seslip import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    re_path(r"^documents/(\d+)/(.*)$", serve_document),  # Wagtail's, never cached when restricted
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("favicon.ico", views.favicon),
    path("account/", include("seslip.accounts")),
    # Signing up for and leaving the weekly update by email (mailing/urls.py).
    path("newsletters/", include("mailing.urls")),
]

if settings.DEBUG:
    # Uploaded images only: documents are served by Wagtail's view, which checks their privacy.
    from networks.documents import serve_media

    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media)]

urlpatterns += [
    # Calendar and contact files served by page routes (/events/feed.ics, /contacts/12.vcf):
    # Wagtail's own pattern only takes paths that end in a slash.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|vcf))$", wagtail_views.serve, name="page_file"),
    path("", include(wagtail_urls)),
]

handler404 = "seslip.views.page_not_found"
handler500 = "seslip.views.server_error"
