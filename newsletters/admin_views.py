"""The admin's "New weekly update": a confirmation step, then a numbered draft to edit.

Registered from wagtail_hooks.py. Adding a weekly update under the archive (from the page tree or
the "New weekly update" menu item) asks for confirmation and then creates the draft with the next
number, the coming Friday, the previous intro and the reminders due. The menu item is shown only
to editors who may add pages under the archive.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks

from core.menu import MenuItemFor

from .composing import NumberingError, coming_friday, create_next_update, reminders_due
from .models import NewsletterIndexPage, WeeklyUpdatePage


def archive_for(user):
    """The weekly updates archive when this user may add updates to it, else None."""
    index = NewsletterIndexPage.objects.order_by("path").first()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        return None
    return index


@hooks.register("before_create_page")
def start_next_update(request, parent_page, page_class):
    if page_class is not WeeklyUpdatePage:
        return None
    parent = parent_page.specific
    if request.method == "POST" and request.POST.get("action") == "create-next-update":
        try:
            page = create_next_update(parent, user=request.user)
        except NumberingError as error:
            messages.error(request, str(error))
            return redirect(request.get_full_path())
        messages.success(
            request,
            f"Draft update no {page.number} for {page.date:%A %-d %B %Y} created, "
            "with the previous intro and the reminders due. Add this week's news items.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    latest = WeeklyUpdatePage.objects.order_by("-number").first()
    date = coming_friday()
    return TemplateResponse(
        request,
        "newsletters/admin/new_update_confirm.html",
        {
            "parent": parent,
            "next_number": (latest.number + 1) if latest else 1,
            "date": date,
            "latest": latest,
            "reminders": list(reminders_due(date)),
        },
    )


def new_update(request):
    """Go to adding a weekly update under the archive (which asks for confirmation)."""
    if not NewsletterIndexPage.objects.exists():
        messages.error(request, "Create the weekly updates archive page first.")
        return redirect("wagtailadmin_explore_root")
    index = archive_for(request.user)
    if index is None:
        raise PermissionDenied
    return redirect("wagtailadmin_pages:add", "newsletters", "weeklyupdatepage", index.pk)


@hooks.register("register_admin_urls")
def register_new_update_url():
    return [path("newsletters/new-update/", new_update, name="newsletters_new_update")]


@hooks.register("register_admin_menu_item")
def register_new_update_menu_item():
    return MenuItemFor(
        "New weekly update",
        reverse("newsletters_new_update"),
        shown_to=lambda user: archive_for(user) is not None,
        icon_name="mail",
        order=150,
    )
