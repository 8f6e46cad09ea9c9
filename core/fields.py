"""Model fields the apps declare alike."""

from django.db import models


def optional_link(to, related_name="+", **options):
    """A foreign key an editor may leave empty, and which empties itself when the row it
    points at is deleted."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name, **options
    )
