"""Settings for `make run` on a developer's machine."""

import os

from core import database

from .base import *  # noqa: F403

if not DATABASES:  # noqa: F405
    DATABASES = {"default": database.start()}

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
# `make run` starts `manage.py run_dev_smtp` here: it keeps every message as a .eml file in .mail/.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("DEV_SMTP_PORT", 1025))
EMAIL_USE_TLS = EMAIL_USE_SSL = False
