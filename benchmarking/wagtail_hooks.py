from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks

from core.menu import MenuItemFor

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("benchmarking/upload/", admin_views.upload, name="benchmarking_upload")]


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return MenuItemFor(
        "Benchmarking data",
        reverse("benchmarking_upload"),
        shown_to=lambda user: user.has_perm(admin_views.PERMISSION),
        icon_name="table",
        order=900,
    )


@hooks.register("register_permissions")
def register_permissions():
    """Offer "Can add release" under Settings → Groups, so that an administrator can let a
    group (such as the Data Benchmarking Network's editors) load releases."""
    app_label, codename = admin_views.PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
