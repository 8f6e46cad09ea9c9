"""Settings shared by every environment. Secrets and hosts come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "seslip",
    "core",
    "contacts",
    "networks",
    "events",
    "newsletters",
    "mailing",
    "importer",
    "benchmarking",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_forms_gds",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    # First: a body over the limit is refused from its Content-Length, before it is read.
    "core.request_limits.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP, Permissions-Policy, CORP: above WhiteNoise, so static files carry them too.
    "core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a cached page is served without reading a session or the database.
    "core.page_cache.PageCacheMiddleware",
    # The request's Wagtail site and home page from the cache (core.content_cache).
    "core.content_cache.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.request_limits.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor authentication: who has given their code this session (seslip.two_factor).
    "django_otp.middleware.OTPMiddleware",
    "seslip.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Login throttling (django-axes): last, so that it sees every login's outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "seslip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "seslip.wsgi.application"

# Database: any PostgreSQL through DATABASE_URL. Without it, development and the tests start the
# embedded server in .pgdata/ (dev.py, test.py: core/database.py); production refuses to start.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Static files are for this site's pages only (they carry Cross-Origin-Resource-Policy:
# same-origin), so WhiteNoise does not offer them to other origins either.
WHITENOISE_ALLOW_ALL_ORIGINS = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded documents and images in S3-compatible storage (AWS, or any S3 API) when a bucket is
# named: needed once the site runs on more than one machine. The bucket stays private and its
# files are only ever reached through the site, which checks their privacy (core/storage.py).
# Credentials come from boto3's usual places (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the
# machine's role).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "core.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# An upload that sends more than it announced is stopped at the limit (core.request_limits).
FILE_UPLOAD_HANDLERS = [
    "core.request_limits.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Login throttling (django-axes, seslip.login_throttle): 10 failed logins for one account, or
# from one IP address, lock that account or address out for 15 minutes on every login form.
# Counted in the database (axes_accessattempt), so it holds across web processes. Failures during
# a lockout do not extend it, so an attacker cannot keep an editor out for long; an administrator
# can unlock at once under Settings → Login lockouts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
# Reverse proxies whose X-Forwarded-For is believed (core.clients): addresses or networks,
# comma-separated, e.g. "127.0.0.1,10.0.0.0/8". Empty: the site is reached directly.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
AXES_USERNAME_CALLABLE = "seslip.login_throttle.username_for_throttling"
AXES_LOCKOUT_CALLABLE = "seslip.login_throttle.lockout_response"
AXES_COOLOFF_MESSAGE = (
    "There have been too many failed attempts to log in to this account or from your network. "
    "Wait 15 minutes and try again, or ask the programme to unlock it."
)
AXES_ENABLE_ADMIN = False  # the Wagtail admin has its own view (Settings → Login lockouts)
AXES_DISABLE_ACCESS_LOG = True  # failures are counted; successful logins are not logged
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password"]

# Two-factor authentication (django-otp, seslip.two_factor): TOTP apps and recovery codes.
# Wrong codes are throttled by django-otp: each failure doubles the wait (1 s, 2 s, 4 s…).
OTP_TOTP_ISSUER = "SESLIP"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Rate limits of the forms that send email (core.ratelimit): so many an hour per address and
# per IP address. A sign-up or reset past the address's limit gets the same neutral answer and
# sends nothing; past the IP address's limit the form says to try again later.
RATE_LIMITS = {
    "newsletter_signup": {"per_address": 3, "per_ip": 10, "window": 3600},
    "password_reset": {"per_address": 3, "per_ip": 10, "window": 3600},
    "access_request": {"per_address": 3, "per_ip": 10, "window": 3600},
    # Messages to people from their pages: per sender's address, and per IP address.
    "person_message": {"per_address": 3, "per_ip": 10, "window": 3600},
}

# Page and collection privacy by shared password is not used: restricted content is for named
# groups, so Wagtail's password forms (and their routes under /_util/) are off.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Editors reset a forgotten password on the site's own form (/account/reset-password/), which is
# rate-limited and sends through the background worker; the admin's own reset form is off.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_USER_LOGIN_FORM = "seslip.login_throttle.AdminLoginForm"

# The site's own login page (account/login.html), where restricted pages and documents send
# visitors; the admin keeps its own at /admin/login/.
LOGIN_URL = "/account/login/"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# Crispy forms with the GOV.UK Design System template pack.
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Wagtail
WAGTAIL_SITE_NAME = "SESLIP"
# No autosave: an editor's changes are kept when they save a draft or publish. Wagtail's autosave
# of a page never published writes the whole page row, so one that loaded the page before a
# Publish and writes after it unpublishes the page just published (the weekly update that has
# just been emailed would answer 404). The unsaved-changes warning stays.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "english",
    }
}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "doc",
    "docx",
    "odp",
    "ods",
    "odt",
    "pdf",
    "ppt",
    "pptx",
    "rtf",
    "xls",
    "xlsx",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploads must really be of the type their name says (networks.documents).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "networks.documents.DocumentForm"
# Image forms offer only the collections their editor may see (networks.media).
WAGTAILIMAGES_IMAGE_FORM_BASE = "networks.media.ImageForm"
# Every document is a download (Content-Disposition: attachment) with its own type: nothing
# renders in the browser from our origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_CONTENT_TYPES = {
    "csv": "text/csv",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "rtf": "application/rtf",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin loads nothing from other sites (its Content-Security-Policy allows none): no
# Gravatar pictures, no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Where to report a security problem (/.well-known/security.txt): a mailto: or https:// address.
# Without it, the contact email of the site settings.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")

# The site sets no cookie for visitors; only editors who log in get session and CSRF cookies.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SESLIP <updates@seslip.co.uk>")

# Outgoing mail: the SMTP server comes from the environment in every configuration.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "false").lower() == "true"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 30))

TASKS = {
    # Wagtail's own tasks (search and reference indexes) run at once, in the request.
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Sending the weekly update: queued in the database, run by `manage.py run_worker`.
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# How many SMTP connections a worker sends one update over at once (mailing.sending).
NEWSLETTER_SENDING_THREADS = int(os.environ.get("NEWSLETTER_SENDING_THREADS", 4))
# Bounces (mailing.bounces): the envelope sender (Return-Path) of the update, where mail servers
# send their delivery status notifications, and the Maildir the mail server delivers it to, which
# the worker reads every minute (or run `manage.py process_bounces` from cron). Empty: unused.
NEWSLETTER_BOUNCE_ADDRESS = os.environ.get("NEWSLETTER_BOUNCE_ADDRESS", "")
NEWSLETTER_BOUNCE_MAILDIR = os.environ.get("NEWSLETTER_BOUNCE_MAILDIR", "")

# The cache: shared by every process of the site. Redis when REDIS_URL is set (needed once the site
# runs on more than one machine); otherwise files in var/cache/, shared by the processes of one.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("SESLIP_CACHE_DIR", BASE_DIR / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# A CDN or caching proxy in front of the site (optional): Wagtail purges a page from it when the
# page is published or unpublished. FRONTEND_CACHE_PURGE_URL for a proxy that takes HTTP PURGE
# (Varnish, nginx, Fastly-style); CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID for Cloudflare.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
            "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
        }
    }

# The full-page cache for anonymous visitors (core.page_cache); "off" for benchmarks without it.
SESLIP_PAGE_CACHE = os.environ.get("SESLIP_PAGE_CACHE", "on").lower() != "off"
SESLIP_PAGE_CACHE_SECONDS = int(os.environ.get("SESLIP_PAGE_CACHE_SECONDS", 600))
# The query parameters public pages read (their filter and search forms, pagination): a request
# with any other (a made-up name, a tracking tag such as utm_source) is rendered but not stored.
# Made-up values of these names are stored, each as a page (docs/deployment.md: Redis's memory
# limit). A page given a new parameter is simply not cached with it until it is added here.
SESLIP_PAGE_CACHE_PARAMETERS = frozenset(
    {
        "q",
        "page",
        "year",
        "month",
        "network",
        "organisation",
        "kind",
        "topic",
        "authority",
        "measure",
        "others",
        "neighbours",
        "region",
        "england",
    }
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
