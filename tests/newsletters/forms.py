"""The weekly update's admin form, filled in as an editor posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def update_form(update, body, reminders=(), action="action-publish"):
    """The update's edit form as the admin posts it."""
    return nested_form_data(
        {
            "number": update.number,
            "date": update.date.isoformat(),
            "intro": rich_text("<p>Welcome to this week's update.</p>"),
            "body": streamfield(list(body)),
            "reminders": streamfield(list(reminders)),
            "search_description": "",
            "comments": inline_formset([]),
            action: action,
        }
    )
