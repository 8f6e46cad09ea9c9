"""Panels of the admin's edit forms shared by several models."""

from django.utils.functional import cached_property
from wagtail.admin.panels import Panel


class ChecksPanel(Panel):
    """The warnings an editor should look at before the content goes out (core.content_checks),
    from the model's ``content_warnings()``, shown at the top of its edit form. It is hidden
    when there is nothing to say."""

    def __init__(self, heading="Checks before publishing", **kwargs):
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return "content_checks"

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/checks_panel.html"

        @cached_property
        def warnings(self):
            if self.instance is None or self.instance.pk is None:
                return []
            return self.instance.content_warnings()

        def is_shown(self):
            return bool(self.warnings)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = self.warnings
            return context
