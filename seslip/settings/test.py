"""Settings for the test suite: the same PostgreSQL, faster password hashing, no debug."""

import os
import tempfile

from core import database

from .base import *  # noqa: F403

if not DATABASES:  # noqa: F405
    DATABASES = {"default": database.start()}

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The browser tests' server and the command that loads its content share one MEDIA_ROOT.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="seslip-test-media-")
# Tests that send use the real SMTP server of tests/smtp.py; a worker run as a subprocess is
# pointed at it with SESLIP_TEST_EMAIL_BACKEND and EMAIL_HOST / EMAIL_PORT.
EMAIL_BACKEND = os.environ.get(
    "SESLIP_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
WAGTAILADMIN_BASE_URL = "http://testserver"
# A cache of the test run's own, never the one `make run` uses beside it. The page cache is off
# (unless SESLIP_PAGE_CACHE=on), so that tests which change content with the ORM alone see it at
# once; tests/core/test_page_cache*.py turn it on to test it.
if not REDIS_URL:  # noqa: F405
    CACHES["default"]["LOCATION"] = os.environ.get("SESLIP_CACHE_DIR") or tempfile.mkdtemp(  # noqa: F405
        prefix="seslip-test-cache-"
    )
SESLIP_PAGE_CACHE = os.environ.get("SESLIP_PAGE_CACHE", "off").lower() != "off"

# The browser tests' server runs without DEBUG: WhiteNoise serves static files from the finders,
# so the freshly built CSS is served without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Parallel runs on one server (several checkouts, or pytest-xdist) each get their own database.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("SESLIP_TEST_DB", "test_seslip"),
}
