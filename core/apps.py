from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: what every other app may use and which knows no app above it."""

    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from . import content_cache, page_cache  # they read Wagtail's models, ready only now

        page_cache.connect_signals()
        content_cache.connect_signals()
