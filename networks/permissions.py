"""Each network's editors: a group that edits the network's pages, meetings and documents only."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")


def group_name(network):
    return f"Network editors: {network.title}"[:150]


@transaction.atomic
def ensure_network_editors(network):
    """Create (or complete) the network's editors group and document collection. Idempotent."""
    group = network.editors
    if group is None:
        group, _ = Group.objects.get_or_create(name=group_name(network))
    # Admin access, and choosing people and authorities for their meetings.
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "contacts"],
            codename__in=["access_admin", "view_person", "view_organisation"],
        )
    )
    page_type = ContentType.objects.get_for_model(Page)
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=network,
            permission=Permission.objects.get(content_type=page_type, codename=codename),
        )

    collection = network.collection
    if collection is None:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=network.title).first()
        if collection is None:
            collection = root.add_child(name=network.title)
    document_type = ContentType.objects.get_for_model(get_document_model())
    for codename in DOCUMENT_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type=document_type, codename=codename),
        )

    if network.editors_id != group.pk or network.collection_id != collection.pk:
        type(network).objects.filter(pk=network.pk).update(editors=group, collection=collection)
        network.editors, network.collection = group, collection
    return group
