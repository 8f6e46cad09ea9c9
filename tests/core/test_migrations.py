"""Moving models between apps keeps their tables, rows and content types.

Builds the schema as it was before the moves (seslip 0001, contacts 0003, newsletters 0004, no
mailing app), fills it through the historical models, migrates forward and reads everything back
through today's models: the directory pages (moved from contacts to seslip), the site settings
(seslip to contacts), subscribers and sign-up attempts (newsletters to mailing).
"""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from contacts.models import Person, SiteSettings
from mailing.models import Subscriber
from seslip.models import ContactsIndexPage, MemberAuthoritiesPage

BEFORE = [
    ("seslip", "0001_initial"),
    ("contacts", "0003_alter_person_options"),
    ("newsletters", "0004_alter_weeklyupdatepage_reminders"),
    ("mailing", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _page(apps, parent, model, title, slug, **fields):
    """A page made with the historical models, as a child of ``parent`` (treebeard paths)."""
    page_model = apps.get_model("wagtailcore", "Page")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = model.split(".")
    content_type, _ = content_type_model.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    siblings = page_model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = max((p.path for p in siblings), default=None)
    step = int(last[-4:], 36) + 1 if last else 1
    path = parent.path + format_base36(step).rjust(4, "0")
    page = apps.get_model(app_label, model_name).objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=path,
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        live=True,
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        **fields,
    )
    page_model.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return page


def format_base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


@pytest.mark.in_order
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moved_models_keep_their_tables_rows_and_content_types(client):
    executor = migrate(BEFORE)
    try:
        apps = executor.loader.project_state([node for node in BEFORE if node[1]]).apps
        locale, _ = apps.get_model("wagtailcore", "Locale").objects.get_or_create(
            language_code="en"
        )
        page_model = apps.get_model("wagtailcore", "Page")
        root = page_model.objects.filter(depth=1).first() or page_model.objects.create(
            title="Root",
            draft_title="Root",
            slug="root",
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
            locale=locale,
            translation_key=uuid.uuid4(),
            content_type=apps.get_model("contenttypes", "ContentType").objects.get_or_create(
                app_label="wagtailcore", model="page"
            )[0],
        )
        directory = _page(
            apps, root, "contacts.ContactsIndexPage", "Contacts", "contacts-moved", intro="Who"
        )
        authorities = _page(
            apps,
            page_model.objects.get(pk=directory.pk),
            "contacts.MemberAuthoritiesPage",
            "Member authorities",
            "member-authorities",
            intro="<p>The 19 authorities.</p>",
        )
        apps.get_model("wagtailcore", "Site").objects.all().delete()
        site = apps.get_model("wagtailcore", "Site").objects.create(
            hostname="testserver", port=80, root_page_id=directory.pk, is_default_site=True
        )
        organisation = apps.get_model("contacts", "Organisation").objects.create(
            name="Kent County Council", short_name="Kent", kind="member"
        )
        manager = apps.get_model("contacts", "Person").objects.create(
            name="Lee Manager", role="Programme Manager", organisation=organisation
        )
        settings_row = apps.get_model("seslip", "SiteSettings").objects.create(
            site=site, programme_manager=manager, contact_email="seslip@example.org"
        )
        subscriber = apps.get_model("newsletters", "Subscriber").objects.create(
            email="Reader@Example.org", status="confirmed", consent_text="I agree"
        )
        apps.get_model("newsletters", "SignupAttempt").objects.create(
            email_hash="e" * 64, ip_hash="i" * 64
        )
        content_types = apps.get_model("contenttypes", "ContentType").objects
        permission = apps.get_model("auth", "Permission").objects.create(
            name="Can view subscriber (before the move)",
            codename="view_subscriber_before_move",
            content_type=content_types.get_or_create(app_label="newsletters", model="subscriber")[
                0
            ],
        )
        editors = apps.get_model("auth", "Group").objects.create(name="Mailing editors")
        editors.permissions.add(permission)
        old_type_ids = {
            (ct.app_label, ct.model): ct.pk
            for ct in content_types.filter(
                model__in=["contactsindexpage", "memberauthoritiespage", "subscriber"]
            )
        }
    finally:
        migrate(latest())

    # The same rows, read through today's models in their new apps.
    moved_directory = ContactsIndexPage.objects.get(pk=directory.pk)
    assert moved_directory.intro == "Who"
    assert MemberAuthoritiesPage.objects.get(pk=authorities.pk).title == "Member authorities"
    assert isinstance(Page.objects.get(pk=directory.pk).specific, ContactsIndexPage)
    assert isinstance(Page.objects.get(pk=authorities.pk).specific, MemberAuthoritiesPage)
    settings_now = SiteSettings.objects.get(pk=settings_row.pk)
    assert settings_now.contact_email == "seslip@example.org"
    assert settings_now.programme_manager == Person.objects.get(name="Lee Manager")
    assert Subscriber.objects.with_email("reader@example.org").get().pk == subscriber.pk
    # The one-day sign-up counter gave way to the core's rate limiter: its table is gone.
    assert "newsletters_signupattempt" not in connection.introspection.table_names()

    # Content types moved with their ids: pages and permissions still point at them.
    directory_type = ContentType.objects.get_for_model(ContactsIndexPage)
    assert directory_type.pk == old_type_ids[("contacts", "contactsindexpage")]
    assert directory_type.app_label == "seslip"
    assert (
        ContentType.objects.get_for_model(MemberAuthoritiesPage).pk
        == old_type_ids[("contacts", "memberauthoritiespage")]
    )
    subscriber_type = ContentType.objects.get_for_model(Subscriber)
    assert subscriber_type.pk == old_type_ids[("newsletters", "subscriber")]
    assert subscriber_type.app_label == "mailing"
    assert not ContentType.objects.filter(app_label="contacts", model="contactsindexpage").exists()
    assert Group.objects.get(name="Mailing editors").permissions.get().content_type == (
        subscriber_type
    )

    # A page of a moved type is served with its own template and data.
    response = client.get("/")
    assert response.status_code == 200
    assert "Lee Manager" in response.content.decode()
    assert response.templates[0].name == "seslip/contacts_index_page.html"
