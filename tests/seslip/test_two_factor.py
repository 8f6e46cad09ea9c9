"""Two-factor authentication: an authenticator app (TOTP) with recovery codes, open to every
editor, required of superusers and of anyone who may publish updates (and so email them) or
approve requests for access."""

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group, Permission
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import GroupPagePermission

from networks.factories import NetworkPageFactory, UserFactory, network_editor
from tests.helpers import Html
from tests.networks.conftest import PASSWORD
from tests.two_factor import give_app, totp

pytestmark = pytest.mark.django_db

ENROL = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"


def log_in(client, user, follow=False):
    return client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}, follow=follow
    )


def admin_user_with(*permissions, pages=None, username="editor@seslip.example"):
    """A user of the admin whose group has these permissions (and page permissions)."""
    user = UserFactory(username=username)
    group = Group.objects.create(name=f"Group of {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    for page, permission_type in pages or []:
        GroupPagePermission.objects.create(group=group, page=page, permission_type=permission_type)
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(site_root):
    return UserFactory(username="admin@seslip.example", is_superuser=True)


def secret_on_page(html):
    """The key as the page gives it to type in (base32, in groups of four)."""
    key = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html.source).group(1)
    return b32decode(key.replace(" ", "")).hex()


def enrol(client):
    """Set up an app as an editor does: read the key, give the app's code. The codes shown."""
    page = Html(client.get(ENROL))
    key = secret_on_page(page)
    response = client.post(ENROL, {"code": totp(key), "next": "/admin/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    return key, codes


# --- required -----------------------------------------------------------------------------------


def test_a_superuser_without_an_app_is_sent_to_set_one_up_before_anything_else(client, superuser):
    response = log_in(client, superuser)
    assert response["Location"] == "/admin/"

    for url in ("/admin/", "/admin/pages/", "/admin/users/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL + "?next="), url
    # What the page itself loads (the admin's icons and translations) still answers.
    for url in ("/admin/sprite/", "/admin/jsi18n/"):
        assert client.get(url).status_code == 200, url
    page = Html(client.get(ENROL))
    assert "Set up two-step verification" in page.heading_texts()
    assert "Your role on this website needs two-step verification" in page.text
    assert '<svg role="img" aria-label="QR code for your authenticator app"' in page.source


def test_someone_who_may_publish_updates_must_use_it(client, site_root):
    publisher = admin_user_with(pages=[(site_root.newsletters, "publish")])

    log_in(client, publisher)

    assert client.get("/admin/pages/")["Location"].startswith(ENROL)


def test_someone_who_may_approve_access_must_use_it(client, site_root):
    approver = admin_user_with("change_accessrequest")

    log_in(client, approver)

    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_a_network_editor_may_go_without(client, site_root):
    lead = network_editor(NetworkPageFactory(parent=site_root.networks))
    lead.user_permissions.add(Permission.objects.get(codename="access_admin"))

    log_in(client, lead)

    assert client.get("/admin/").status_code == 200
    overview = Html(client.get("/admin/two-factor/"))
    assert "Two-step verification is off" in overview.text
    assert "Two-step verification" in client.get("/admin/account/").content.decode()


# --- setting up and logging in ----------------------------------------------------------------


def test_set_up_then_log_in_with_the_apps_code(client, superuser):
    log_in(client, superuser)
    key, codes = enrol(client)

    assert len(codes) == 10 and len(set(codes)) == 10
    device = TOTPDevice.objects.get(user=superuser)
    assert device.confirmed and device.key == key
    assert client.get("/admin/").status_code == 200
    # The codes are shown once: the overview only counts them.
    overview = Html(client.get("/admin/two-factor/"))
    assert "10 recovery codes left" in overview.text
    assert codes[0] not in overview.source

    # Next time: password, then a code.
    client.post("/admin/logout/")
    response = log_in(client, superuser, follow=True)
    assert response.redirect_chain[-1][0] == VERIFY + "?next=%2Fadmin%2F"
    assert "Enter your code" in Html(response).heading_texts()
    wrong = client.post(VERIFY, {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 400
    assert "The code is not right" in Html(wrong).text
    assert client.get("/admin/pages/")["Location"].startswith(VERIFY)

    # (The next step's code: the one given when setting up cannot be used twice.)
    device.throttle_reset()
    response = client.post(VERIFY, {"code": totp(key, time.time() + 30), "next": "/admin/pages/"})

    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_log_in_with_a_recovery_code_which_then_is_spent(client, superuser):
    log_in(client, superuser)
    _, codes = enrol(client)
    client.post("/admin/logout/")

    log_in(client, superuser)
    response = client.post(VERIFY, {"code": codes[3].upper(), "next": "/admin/"}, follow=True)

    assert response.redirect_chain[-1][0] == "/admin/"
    assert "You used a recovery code: 9 left" in Html(response).text
    assert StaticToken.objects.filter(device__user=superuser).count() == 9

    client.post("/admin/logout/")
    log_in(client, superuser)
    again = client.post(VERIFY, {"code": codes[3], "next": "/admin/"})
    assert again.status_code == 400
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_wrong_codes_are_throttled(client, superuser):
    device = give_app(superuser)
    # Ten wrong codes (django-otp's own count): each failure doubles the wait, 2⁹ s after ten.
    for _ in range(10):
        device.throttle_increment()
    log_in(client, superuser)

    response = client.post(VERIFY, {"code": totp(device.key), "next": "/admin/"})

    assert response.status_code == 400
    assert "Too many wrong codes" in Html(response).text
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_a_password_alone_cannot_set_up_another_app(client, superuser):
    give_app(superuser)
    log_in(client, superuser)

    response = client.get(ENROL)

    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=superuser).count() == 1


def test_setting_up_a_new_phone_says_it_replaces_the_app_not_that_one_is_needed(client, superuser):
    log_in(client, superuser)
    enrol(client)

    page = Html(client.get(ENROL))

    assert "it replaces the app you have now" in page.text
    assert "Set it up before you go on" not in page.text


def test_any_editor_may_turn_it_on_and_then_needs_a_code(client, site_root):
    lead = network_editor(NetworkPageFactory(parent=site_root.networks))
    lead.user_permissions.add(Permission.objects.get(codename="access_admin"))
    log_in(client, lead)

    enrol(client)
    client.post("/admin/logout/")
    log_in(client, lead)

    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(client, superuser):
    log_in(client, superuser)
    _, old = enrol(client)

    response = client.post("/admin/two-factor/", {"action": "new_codes"})

    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_a_superuser_cannot_turn_it_off(client, superuser):
    log_in(client, superuser)
    enrol(client)

    client.post("/admin/two-factor/", {"action": "turn_off"})

    assert TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()


def test_someone_with_an_app_but_no_admin_access_is_asked_for_the_code_too(client, site_root):
    member = UserFactory(username="member@kent.gov.uk")
    key = give_app(member).key
    client.post("/account/login/", {"username": member.username, "password": PASSWORD})

    response = client.get("/", follow=True)

    assert response.redirect_chain == [(VERIFY + "?next=%2F", 302)]
    assert response.status_code == 200
    done = client.post(VERIFY, {"code": totp(key), "next": "/"})
    assert done["Location"] == "/"
    assert client.get("/").status_code == 200
