from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: what every other app may use and which knows no app above it."""

    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from . import page_cache  # it reads Wagtail's models, which are ready only now

        page_cache.connect_signals()
