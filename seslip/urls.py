from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from networks import restricted_admin
from networks.documents import serve_document
from networks.media import serve_media
from seslip import contact_views, two_factor_views, views


def without(patterns, *names):
    """Wagtail's URL patterns less the named ones."""
    return [pattern for pattern in patterns if getattr(pattern, "name", None) not in names]


# Not routed: Wagtail's front-end login form (the site's own, throttled, is /account/login/) and
# its forms for password-protected pages and collections (the site uses no shared passwords:
# WAGTAIL_PRIVATE_PAGE_OPTIONS and WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS).
wagtail_page_urls = without(
    wagtail_urls.urlpatterns, "wagtailcore_login", "wagtailcore_authenticate_with_password"
)
wagtail_document_urls = without(
    wagtaildocs_urls.urlpatterns, "wagtaildocs_authenticate_with_password"
)

# Every admin view refuses the ids of what its editor may not see (networks/restricted_admin.py).
admin_urls = decorate_urlpatterns(
    list(wagtailadmin_urls.urlpatterns), restricted_admin.hide_restricted_objects
)

urlpatterns = [
    # Wagtail's admin, hiding restricted content from editors outside its groups.
    path("admin/", include(restricted_admin.urlpatterns)),
    # Wagtail reverses its login's name whatever WAGTAIL_FRONTEND_LOGIN_URL says: it leads to ours.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="wagtailcore_login",
    ),
    # The second step of logging in, and setting it up: for anyone logged in, so that someone who
    # must give a code is never sent round between them and the admin's own checks.
    path(
        "admin/two-factor/verify/",
        login_required(two_factor_views.verify, login_url="wagtailadmin_login"),
        name="seslip_two_factor_verify",
    ),
    path(
        "admin/two-factor/set-up/",
        login_required(two_factor_views.enrol, login_url="wagtailadmin_login"),
        name="seslip_two_factor_enrol",
    ),
    path("admin/", include(admin_urls)),
    re_path(r"^documents/(\d+)/(.*)$", serve_document),  # Wagtail's, never cached when restricted
    path("documents/", include(wagtail_document_urls)),
    path("search/", views.search, name="search"),
    path("favicon.ico", views.favicon),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # Every live page anyone may open (restricted sections and their reports are left out).
    path("sitemap.xml", sitemap),
    path("account/", include("seslip.accounts")),
    # Signing up for and leaving the weekly update by email (mailing/urls.py).
    path("newsletters/", include("mailing.urls")),
    # Sending a person a message from their page (the contacts page's own routes are its pages).
    path("contacts/<int:pk>/message/", contact_views.send_message, name="person_message"),
    path(
        "contacts/<int:pk>/message/sent/",
        contact_views.message_sent,
        name="person_message_sent",
    ),
    # Uploaded images, with their collection's privacy (networks/media.py); documents are
    # served by Wagtail's view, which checks theirs.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media),
]

urlpatterns += [
    # Calendar and contact files served by page routes (/events/feed.ics, /contacts/12.vcf):
    # Wagtail's own pattern only takes paths that end in a slash.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|vcf))$", wagtail_views.serve, name="page_file"),
    path("", include(wagtail_page_urls)),
]

handler404 = "seslip.views.page_not_found"
handler500 = "seslip.views.server_error"
