"""The admin's "New weekly update" and reusable news items, as editors use them."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from contacts.factories import PersonFactory
from mailing.email_render import compose
from networks.factories import NetworkPageFactory
from networks.permissions import ensure_network_editors
from newsletters.composing import coming_friday
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from newsletters.models import NewsItem, WeeklyUpdatePage
from tests.helpers import get_html
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

NEW_UPDATE = "/admin/newsletters/new-update/"


def user_in(django_user_model, *groups, **kwargs):
    user = django_user_model.objects.create_user(
        username=kwargs.pop("username", "editor"), password="password", **kwargs
    )
    user.groups.add(*groups)
    return user


def sidebar_labels(client):
    """The labels of the admin's sidebar menu, as the admin sends them to the browser."""
    response = client.get("/admin/")
    assert response.status_code == 200
    match = re.search(
        r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, "the admin has no sidebar"
    return json.dumps(json.loads(match.group(1)))


def refused(response):
    """The admin's answer to what a user may not do: back to the dashboard, with a message."""
    assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.fixture
def editor(django_user_model, site_root):
    """A member of Wagtail's Editors group, who may add pages anywhere on the site."""
    return user_in(django_user_model, Group.objects.get(name="Editors"))


@pytest.fixture
def network_editor(django_user_model, site_root):
    """An editor of one network's pages only."""
    group = ensure_network_editors(NetworkPageFactory(title="Data Benchmarking Network"))
    return user_in(django_user_model, group, username="network-editor")


def test_new_weekly_update_is_in_the_menu_of_editors_who_may_add_updates(client, editor):
    client.force_login(editor)

    assert "New weekly update" in sidebar_labels(client)


def test_the_menu_offers_the_weekly_work_in_the_order_it_is_done(client, admin_user, site_root):
    """News items are written first, then chosen in a new weekly update (or an old update is
    imported): the menu lists them in that order, each label short enough to read whole."""
    verified_login(client, admin_user)
    labels = sidebar_labels(client)
    steps = ['"News items"', '"New weekly update"', '"Import an old update"']
    assert [labels.find(step) for step in steps] == sorted(labels.find(step) for step in steps)
    assert all(labels.find(step) > 0 for step in steps)


def test_new_weekly_update_is_not_offered_to_a_network_editor(client, network_editor):
    client.force_login(network_editor)

    assert "New weekly update" not in sidebar_labels(client)
    refused(client.get(NEW_UPDATE))


def test_new_weekly_update_asks_for_confirmation_then_opens_the_numbered_draft(
    client, editor, site_root
):
    WeeklyUpdatePageFactory(number=518, intro="<p>Last week's intro.</p>")
    reminder = NewsItemFactory(
        heading="Peer challenge nominations", remind_until=datetime.date(2099, 1, 1)
    )
    WeeklyUpdatePageFactory(number=517, body=[("news_item", reminder)])
    client.force_login(editor)
    friday = coming_friday()

    response = client.get(NEW_UPDATE, follow=True)
    confirm = get_html(client, response.redirect_chain[-1][0])

    assert "Create draft update no 519" in confirm.text
    assert f"{friday:%-d %B %Y}" in confirm.text
    assert "Peer challenge nominations" in confirm.text
    assert WeeklyUpdatePage.objects.count() == 2  # nothing is created before confirming

    created = client.post(response.redirect_chain[-1][0], {"action": "create-next-update"})

    update = WeeklyUpdatePage.objects.get(number=519)
    assert created.status_code == 302
    assert created["Location"] == reverse("wagtailadmin_pages:edit", args=[update.pk])
    assert (update.date, update.live, update.owner) == (friday, False, editor)
    assert update.intro == "<p>Last week's intro.</p>"
    assert [block.value for block in update.reminders] == [reminder]
    edit = client.get(created["Location"])
    assert edit.status_code == 200
    assert "Draft update no 519" in edit.content.decode()


def test_a_draft_update_s_editor_keeps_changes_until_they_save_or_publish(admin_client, site_root):
    """The edit form is not wired to save by itself: Wagtail's autosave of a page never published
    writes the whole page, so one sent just before Publish and answered after it unpublished the
    update (the browser test of composing saw the emailed update answer 404)."""
    update = WeeklyUpdatePageFactory(number=702, live=False)
    update.save_revision()

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[update.pk]))

    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find(
        "form", attrs={"data-controller": re.compile(r"\bw-unsaved\b")}
    )
    assert form is not None, "no edit form that warns of unsaved changes"
    assert "w-autosave" not in form["data-controller"].split()
    assert not form.has_attr("data-w-autosave-interval-value")


def test_a_network_editor_cannot_create_an_update(client, network_editor, site_root):
    client.force_login(network_editor)
    add_url = reverse(
        "wagtailadmin_pages:add",
        args=["newsletters", "weeklyupdatepage", site_root.newsletters.pk],
    )

    refused(client.post(add_url, {"action": "create-next-update"}))
    assert not WeeklyUpdatePage.objects.exists()


def test_a_news_item_naming_several_people_is_saved_from_the_admin_and_shown_everywhere(
    client, site_root, admin_user
):
    luke, anna = PersonFactory(name="Luke Ede"), PersonFactory(name="Anna Wright")
    network = NetworkPageFactory(title="Data Benchmarking Network")
    verified_login(client, admin_user)
    data = {
        "heading": "Workforce benchmarking report",
        "body": rich_text("<p>The 2017 report has been published.</p>"),
        "action_required": rich_text("<p>Send your comments by 4 May.</p>"),
        "action_by": "2018-05-04",
        "remind_until": "2018-05-04",
        "networks": [network.pk],
        "people": [anna.pk, luke.pk],
        **nested_form_data({"links": streamfield([])}),
    }

    response = client.post(reverse("wagtailsnippets_newsletters_newsitem:add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    item = NewsItem.objects.get(heading="Workforce benchmarking report")
    assert set(item.people.all()) == {luke, anna}
    assert list(item.networks.all()) == [network]

    # Editing it once changes it in every update that shows it.
    first = WeeklyUpdatePageFactory(number=298, body=[("news_item", item)])
    second = WeeklyUpdatePageFactory(number=299, reminders=[("news_item", item)])
    data["heading"] = "Workforce benchmarking report (corrected)"
    data["people"] = [luke.pk]
    edit = client.post(reverse("wagtailsnippets_newsletters_newsitem:edit", args=[item.pk]), data)
    assert edit.status_code == 302, edit.content.decode()[:3000]
    for update in (first, second):
        html = get_html(client, update.url)
        assert "Workforce benchmarking report (corrected)" in html.text
        assert "Anna Wright" not in html.text
        assert "Luke Ede" in html.text


def test_a_news_item_s_networks_and_people_are_boxes_to_tick(client, site_root, admin_user):
    """Networks and people are chosen by ticking boxes: in a list to Ctrl-click, one plain
    click would lose every other choice."""
    PersonFactory(name="Luke Ede")
    NetworkPageFactory(title="Data Benchmarking Network")
    verified_login(client, admin_user)
    html = get_html(client, reverse("wagtailsnippets_newsletters_newsitem:add"))
    for name in ("networks", "people"):
        assert f'<select name="{name}"' not in html.source, name
        assert re.search(rf'<input type="checkbox" name="{name}" value="\d+"', html.source), name


def test_deleting_a_news_item_that_an_update_uses_warns_and_the_update_still_reads(
    admin_client, site_root
):
    item = NewsItemFactory(heading="Regional data return", body="<p>Due in June.</p>")
    other = NewsItemFactory(heading="Kinship care conference", body="<p>In May.</p>")
    update = WeeklyUpdatePageFactory(number=640, body=[("news_item", item), ("news_item", other)])
    update.save_revision().publish()
    url = reverse("wagtailsnippets_newsletters_newsitem:delete", args=[item.pk])

    # The admin warns that the item is in use, and lists where.
    confirm = get_html(admin_client, url).main
    assert "This news item is referenced 1 time." in confirm.text
    usage_url = reverse("wagtailsnippets_newsletters_newsitem:usage", args=[item.pk])
    assert usage_url + "?describe_on_delete=1" in confirm.hrefs()
    assert update.title in get_html(admin_client, usage_url).main.text

    deleted = admin_client.post(url, follow=True)

    assert deleted.redirect_chain == [("/admin/snippets/newsletters/newsitem/", 302)]
    assert not NewsItem.objects.filter(pk=item.pk).exists()
    # The update reads on without it, on the site, in print, in the email and in the admin.
    for path in (update.url, update.url + "print/"):
        page = get_html(admin_client, path).main
        assert "Kinship care conference" in page.text, path
        assert "Regional data return" not in page.text, path
    email = compose(WeeklyUpdatePage.objects.get(pk=update.pk))
    assert "Kinship care conference" in email.text
    assert "Regional data return" not in email.text
    assert admin_client.get(f"/admin/pages/{update.pk}/edit/").status_code == 200


def test_a_news_item_with_a_date_but_no_action_says_so_and_keeps_what_was_written(
    client, site_root, admin_user
):
    """The date an action is due is shown only with the action: a date with nothing under
    'Action required' would be saved and never shown, so the form says so, keeping the rest."""
    verified_login(client, admin_user)
    data = {
        "heading": "Kinship care conference",
        "body": rich_text("<p>Places are open for the March conference.</p>"),
        "action_required": rich_text(""),
        "action_by": "2027-01-15",
        "remind_until": "",
        **nested_form_data({"links": streamfield([])}),
    }

    response = client.post(reverse("wagtailsnippets_newsletters_newsitem:add"), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "action_by": [
            "Say under ‘Action required’ what readers need to do by this date, or clear the "
            "date: a date with no action is not shown."
        ]
    }
    assert "Kinship care conference" in response.content.decode()
    assert not NewsItem.objects.exists()

    data["action_required"] = rich_text("<p>Book a place.</p>")
    saved = client.post(reverse("wagtailsnippets_newsletters_newsitem:add"), data)
    assert saved.status_code == 302
    assert NewsItem.objects.get().action_by == datetime.date(2027, 1, 15)
