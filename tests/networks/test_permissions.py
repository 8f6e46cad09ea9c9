"""A network's editors edit and publish its page, its meetings and its documents, and nothing else.

Each test logs in as a network lead and uses the real Wagtail admin views.
"""

import io
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.files import pdf
from events.factories import EventPageFactory, london
from events.models import EventPage
from networks.factories import NetworkPageFactory, UserFactory, network_editor
from networks.models import NetworkPage
from networks.permissions import ensure_network_editors
from newsletters.factories import WeeklyUpdatePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks(site_root):
    """Two networks with a meeting each, a weekly update, and a lead for the first network."""
    ours = NetworkPageFactory(title="AD Safeguarding Network", slug="ad-safeguarding-network")
    theirs = NetworkPageFactory(title="Fostering Network", slug="fostering-network")
    return SimpleNamespace(
        site=site_root,
        ours=ours,
        theirs=theirs,
        our_meeting=EventPageFactory(parent=ours, title="Our meeting"),
        their_meeting=EventPageFactory(parent=theirs, title="Their meeting"),
        calendar_event=EventPageFactory(title="Regional conference"),
        update=WeeklyUpdatePageFactory(number=600),
        lead=network_editor(ours, username="lead@example.gov.uk"),
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_event_url(parent):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])


def is_denied(response):
    """Wagtail answers a view the user may not open with a redirect to the dashboard (and a
    message), or with 403."""
    if response.status_code == 403:
        return True
    return (
        response.status_code == 302
        and "/edit/" not in response["Location"]
        and ("/add/" not in response["Location"])
    )


def network_form(network, **changes):
    values = {
        "title": network.title,
        "slug": network.slug,
        "kind": network.kind,
        "number": network.number,
        "purpose": rich_text("<p>To share practice.</p>"),
        "who_for": rich_text("<p>Assistant directors of safeguarding.</p>"),
        "eligibility": rich_text("<p>One place for each authority.</p>"),
        "sponsor_title": network.sponsor_title,
        "sponsor": network.sponsor_id,
        "project_manager_title": network.project_manager_title,
        "project_manager": network.project_manager_id,
        "key_contact": "",
        "outputs": inline_formset([]),
        "budget_year": "2024-25",
        "budget": "18000",
        "budget_note": "",
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    values.update(changes)
    return nested_form_data(values)


def meeting_form(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kind": "meeting",
            "start": "03/06/2031 10:00",
            "end": "03/06/2031 12:00",
            "repeat": "quarterly",
            "repeat_on": "weekday",
            "repeat_until": "",
            "repeat_count": "4",
            "description": rich_text("<p>The quarterly meeting.</p>"),
            "location": "online",
            "venue": "",
            "online_platform": "MS Teams",
            "joining_instructions": "Contact Mark Evans for the Teams link",
            "network": "",
            "contact": "",
            "participants": inline_formset([]),
            "date_changes": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def upload(client, title, collection):
    document = SimpleUploadedFile(
        "terms.pdf", pdf(title, ["Terms of reference."]), content_type="application/pdf"
    )
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": document, "collection": collection.pk},
    )


# --- what a lead may do ---------------------------------------------------------------------


def test_the_lead_edits_and_publishes_their_networks_page(client, networks):
    client.force_login(networks.lead)
    assert client.get(edit_url(networks.ours)).status_code == 200

    response = client.post(
        edit_url(networks.ours),
        network_form(networks.ours, who_for=rich_text("<p>ADs of safeguarding, and deputies.</p>")),
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    networks.ours.refresh_from_db()
    assert "and deputies" in networks.ours.who_for
    assert networks.ours.live and not networks.ours.has_unpublished_changes
    assert "and deputies" in client.get(networks.ours.url).content.decode()


def test_the_lead_adds_and_publishes_a_meeting_under_their_network(client, networks):
    client.force_login(networks.lead)
    assert client.get(add_event_url(networks.ours)).status_code == 200

    response = client.post(
        add_event_url(networks.ours), meeting_form("Quarterly meeting", "quarterly-meeting")
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    meeting = EventPage.objects.get(slug="quarterly-meeting")
    assert meeting.live
    assert meeting.get_parent().pk == networks.ours.pk
    assert meeting.network_id == networks.ours.pk
    assert meeting.start == london(2031, 6, 3, 10)
    assert len(meeting.occurrences()) == 4
    assert "Quarterly meeting" in client.get(networks.ours.url).content.decode()


def test_the_lead_edits_their_networks_meetings_and_not_anothers(client, networks):
    client.force_login(networks.lead)
    assert client.get(edit_url(networks.our_meeting)).status_code == 200

    response = client.post(
        edit_url(networks.our_meeting), meeting_form("Our meeting, moved", "our-meeting")
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    networks.our_meeting.refresh_from_db()
    assert networks.our_meeting.title == "Our meeting, moved"
    assert networks.our_meeting.start == london(2031, 6, 3, 10)
    assert networks.our_meeting.live and not networks.our_meeting.has_unpublished_changes
    assert "Our meeting, moved" in client.get(networks.ours.url).content.decode()

    refused = client.post(
        edit_url(networks.their_meeting), meeting_form("Their meeting, moved", "their-meeting")
    )

    assert is_denied(refused)
    networks.their_meeting.refresh_from_db()
    assert networks.their_meeting.title == "Their meeting"
    assert not networks.their_meeting.revisions.filter(content__title__contains="moved").exists()


def test_the_lead_adds_documents_to_their_networks_collection(client, networks):
    client.force_login(networks.lead)

    response = upload(client, "Terms of reference", networks.ours.collection)

    assert response.status_code == 302
    document = get_document_model().objects.get(title="Terms of reference")
    assert document.collection_id == networks.ours.collection_id
    # And it is listed on the network's page.
    assert "Terms of reference" in client.get(networks.ours.url).content.decode()


# --- what a lead may not do -----------------------------------------------------------------


def test_the_lead_cannot_edit_another_network_or_its_meetings(client, networks):
    client.force_login(networks.lead)

    assert is_denied(client.get(edit_url(networks.theirs)))
    assert is_denied(client.get(edit_url(networks.their_meeting)))
    assert is_denied(client.get(add_event_url(networks.theirs)))
    response = client.post(
        edit_url(networks.theirs),
        network_form(networks.theirs, who_for=rich_text("<p>Changed by someone else.</p>")),
    )
    assert is_denied(response)
    networks.theirs.refresh_from_db()
    assert "Changed by someone else" not in networks.theirs.who_for


def test_the_lead_cannot_edit_the_updates_the_home_page_or_the_calendar(client, networks):
    client.force_login(networks.lead)

    for page in (
        networks.update,
        networks.site.newsletters,
        networks.site.home,
        networks.site.events,
        networks.calendar_event,
        networks.site.networks,
    ):
        assert is_denied(client.get(edit_url(page))), page.title
    assert is_denied(client.get(add_event_url(networks.site.events)))
    response = client.post(add_event_url(networks.site.events), meeting_form("Sneaky", "sneaky"))
    assert is_denied(response)
    assert not EventPage.objects.filter(slug="sneaky").exists()


def test_the_lead_cannot_add_documents_to_another_networks_collection(client, networks):
    ensure_network_editors(networks.theirs)
    client.force_login(networks.lead)

    upload(client, "Misfiled minutes", networks.theirs.collection)

    # With only one collection open to them, Wagtail files the upload in it, whatever is sent.
    documents = get_document_model().objects.filter(title="Misfiled minutes")
    assert not documents.filter(collection=networks.theirs.collection).exists()
    assert set(documents.values_list("collection", flat=True)) <= {networks.ours.collection_id}


def test_the_other_networks_lead_has_the_mirror_image_of_these_rights(client, networks):
    other_lead = network_editor(networks.theirs, username="other@example.gov.uk")
    client.force_login(other_lead)

    assert client.get(edit_url(networks.theirs)).status_code == 200
    assert client.get(edit_url(networks.their_meeting)).status_code == 200
    assert is_denied(client.get(edit_url(networks.ours)))
    assert is_denied(client.get(edit_url(networks.our_meeting)))


def test_someone_outside_the_groups_cannot_open_the_admin(client, networks):
    client.force_login(UserFactory(username="visitor@example.gov.uk"))

    response = client.get(edit_url(networks.ours))

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_lead_previews_a_new_repeating_meeting(client, networks):
    client.force_login(networks.lead)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["events", "eventpage", networks.ours.pk]
    )

    posted = client.post(url, meeting_form("Preview meeting", "preview-meeting"))
    shown = client.get(url)

    assert posted.status_code == 200 and posted.json()["is_valid"]
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Preview meeting" in html
    assert "Every three months, on the first Tuesday, 4 times in all" in html


# --- each network's editors group -----------------------------------------------------------


def editors_rights(network):
    """What a network's editors group may do, as (model-wide, page, collection) permissions."""
    group = network.editors
    return (
        set(group.permissions.values_list("codename", flat=True)),
        set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page_id", "permission__codename"
            )
        ),
        set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection_id", "permission__codename"
            )
        ),
    )


def expected_rights(network):
    return (
        {"access_admin", "view_person", "view_organisation"},
        {(network.pk, codename) for codename in ("add_page", "change_page", "publish_page")},
        {
            (network.collection_id, codename)
            for codename in ("add_document", "change_document", "choose_document")
        },
    )


def test_a_network_added_in_the_admin_gets_its_editors_group_and_collection(client, networks):
    editors = Group.objects.create(name="Programme editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=networks.site.networks,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    client.force_login(UserFactory(username="programme@seslip.example", groups=[editors]))
    new = NetworkPage(
        title="Kinship Care Network",
        slug="kinship-care-network",
        kind=NetworkPage.Kind.NETWORK,
        number=18,
        sponsor_title="DCS sponsor",
        project_manager_title="Project manager",
    )
    url = reverse(
        "wagtailadmin_pages:add", args=["networks", "networkpage", networks.site.networks.pk]
    )

    response = client.post(url, network_form(new, sponsor="", project_manager=""))

    assert response.status_code == 302, response.context and response.context["form"].errors
    network = NetworkPage.objects.get(slug="kinship-care-network")
    assert network.live
    assert network.editors.name == "Network editors: Kinship Care Network"
    assert network.collection.name == "Kinship Care Network"
    assert network.collection.get_parent() == Collection.get_first_root_node()
    assert editors_rights(network) == expected_rights(network)
    # A lead put in the group edits the new network's page, and not another network's.
    lead = UserFactory(username="kinship.lead@example.gov.uk", groups=[network.editors])
    client.force_login(lead)
    assert client.get(edit_url(network)).status_code == 200
    assert is_denied(client.get(edit_url(networks.ours)))


def run_command(*args):
    out = io.StringIO()
    call_command("create_network_group", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_one_networks_group_and_is_idempotent(networks):
    assert networks.theirs.editors is None

    out = run_command("fostering-network")

    assert out == "Fostering Network: group 'Network editors: Fostering Network'\n"
    networks.theirs.refresh_from_db()
    assert editors_rights(networks.theirs) == expected_rights(networks.theirs)
    groups, collections = Group.objects.count(), Collection.objects.count()
    run_command("fostering-network")
    assert (Group.objects.count(), Collection.objects.count()) == (groups, collections)
    networks.theirs.refresh_from_db()
    assert editors_rights(networks.theirs) == expected_rights(networks.theirs)


def test_the_command_completes_a_group_that_lost_a_permission(networks):
    GroupPagePermission.objects.filter(
        group=networks.ours.editors, permission__codename="publish_page"
    ).delete()
    networks.ours.editors.permissions.remove(Permission.objects.get(codename="access_admin"))

    run_command("ad-safeguarding-network")

    networks.ours.refresh_from_db()
    assert editors_rights(networks.ours) == expected_rights(networks.ours)


def test_the_command_with_all_gives_every_network_its_group(networks):
    third = NetworkPageFactory(title="Kinship Care Network", slug="kinship-care-network")

    out = run_command("--all")

    for network in NetworkPage.objects.all():
        assert network.editors.name == f"Network editors: {network.title}", network
        assert editors_rights(network) == expected_rights(network)
    assert "Kinship Care Network: group 'Network editors: Kinship Care Network'" in out
    assert third.title in out and "Fostering Network" in out and "AD Safeguarding" in out


def test_the_command_says_what_is_wrong(networks):
    with pytest.raises(CommandError, match="No network has the slug 'nope'. Known slugs: "):
        run_command("nope")
    with pytest.raises(CommandError, match="Give a network's slug, or --all."):
        run_command()
    assert Group.objects.filter(name__startswith="Network editors: ").count() == 1
