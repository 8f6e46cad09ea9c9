from django.apps import AppConfig


class MailingConfig(AppConfig):
    """Subscribers to the weekly update by email, and sending updates to them."""

    name = "mailing"
    verbose_name = "Email to subscribers"
