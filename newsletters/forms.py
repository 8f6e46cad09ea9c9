"""The admin form of a weekly update: what stops it being published (newsletters.checks)."""

from wagtail.blocks import StreamBlockValidationError

from core.chosen import PageForm

from .checks import publishing_errors


class WeeklyUpdateForm(PageForm):
    """Checks chosen content (core.chosen) and, when the update is published or submitted
    (not on saving a draft), what must not go out: no news, a passed action date, a
    restricted link inside a news item."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:  # saving a draft
            return cleaned_data
        if not {"date", "body", "reminders"} <= cleaned_data.keys():
            return cleaned_data  # those fields have errors of their own
        errors = publishing_errors(
            cleaned_data["date"], cleaned_data["body"], cleaned_data["reminders"]
        )
        # One error a field, holding every message: Wagtail's stream field shows only the first
        # error it is given, so an editor would otherwise meet the problems one publish at a time.
        for name, messages in errors.items():
            self.add_error(name, StreamBlockValidationError(non_block_errors=messages))
        return cleaned_data
