"""Settings for the test suite: the same PostgreSQL, faster password hashing, no debug."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="seslip-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Parallel runs on one server (several checkouts, or pytest-xdist) each get their own database.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("SESLIP_TEST_DB", "test_seslip"),
}
