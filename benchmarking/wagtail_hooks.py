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
