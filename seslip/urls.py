from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from networks import restricted_admin
from networks.documents import serve_document
from networks.media import serve_media
from seslip import views

# Every admin view refuses the ids of what its editor may not see (networks/restricted_admin.py).
admin_urls = decorate_urlpatterns(
    list(wagtailadmin_urls.urlpatterns), restricted_admin.hide_restricted_objects
)

urlpatterns = [
    # Wagtail's admin, hiding restricted content from editors outside its groups.
    path("admin/", include(restricted_admin.urlpatterns)),
    path("admin/", include(admin_urls)),
    re_path(r"^documents/(\d+)/(.*)$", serve_document),  # Wagtail's, never cached when restricted
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("favicon.ico", views.favicon),
    path("account/", include("seslip.accounts")),
    # Signing up for and leaving the weekly update by email (newsletters/urls.py).
    path("newsletters/", include("newsletters.urls")),
    # Uploaded images, with their collection's privacy (networks/media.py); documents are
    # served by Wagtail's view, which checks theirs.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media),
]

urlpatterns += [
    # Calendar and contact files served by page routes (/events/feed.ics, /contacts/12.vcf):
    # Wagtail's own pattern only takes paths that end in a slash.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|vcf))$", wagtail_views.serve, name="page_file"),
    path("", include(wagtail_urls)),
]

handler404 = "seslip.views.page_not_found"
handler500 = "seslip.views.server_error"
