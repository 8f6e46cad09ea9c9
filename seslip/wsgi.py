"""WSGI entry point; `make serve` runs it under Granian with production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seslip.settings.production")

application = get_wsgi_application()
