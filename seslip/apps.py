from django.apps import AppConfig


class SeslipConfig(AppConfig):
    name = "seslip"
    verbose_name = "SESLIP"

    def ready(self):
        from seslip import page_cache  # models are ready only now

        page_cache.connect_signals()
