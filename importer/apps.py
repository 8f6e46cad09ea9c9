from django.apps import AppConfig


class ImporterConfig(AppConfig):
    """Reading a weekly update written as text (the old emails) into a draft update."""

    name = "importer"
    verbose_name = "Update importer"
