from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "Networks and projects"

    def ready(self):
        from wagtail.documents.models import document_served

        from . import notifications
        from .access import log_download

        document_served.connect(log_download, dispatch_uid="networks.log_download")
        notifications.connect()
