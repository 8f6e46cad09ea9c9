"""Login throttling: after 10 failed logins, an account or an IP address cannot log in (the right
password is refused too) for 15 minutes, on every login form; the count is in the database, so it
holds across web processes; an administrator unlocks from the admin."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.test import Client

from networks.factories import UserFactory
from tests.helpers import Html
from tests.networks.conftest import PASSWORD
from tests.tasks import run_manage, worker_env
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

LIMIT = 10  # failures before a lockout (issue 9: "at most 10")
COOL_OFF = datetime.timedelta(minutes=15)
LOCKED = "too many failed attempts to log in"

FORMS = {
    "site": ("/account/login/", "do not match an account"),
    "admin": ("/admin/login/", "match. Please try again."),
}


@pytest.fixture
def editor(site_root):
    """An editor of the admin (who needs no second step: the password decides here)."""
    user = UserFactory(username="jo@kent.gov.uk")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def log_in(client, form, username, password, ip="192.0.2.1"):
    url, _ = FORMS[form]
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client):
    return "_auth_user_id" in client.session


def attempts_until_locked(client, form, username, ip="192.0.2.1", at_most=30):
    """Wrong passwords until the form says the account is locked: how many it took."""
    for attempt in range(1, at_most + 1):
        response = log_in(client, form, username, f"wrong {attempt}", ip)
        if response.status_code == 429:
            assert LOCKED in Html(response).text
            return attempt
        assert response.status_code == 200
        assert FORMS[form][1] in response.content.decode()
    pytest.fail(f"Still not locked after {at_most} wrong passwords")


@pytest.mark.parametrize("form", FORMS)
def test_the_right_password_is_refused_after_ten_wrong_ones(client, editor, form):
    assert attempts_until_locked(client, form, editor.username) == LIMIT

    response = log_in(client, form, editor.username, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in Html(response).text
    assert not logged_in(client)


def test_the_site_form_shows_the_lockout_in_a_govuk_error_summary(client, editor):
    attempts_until_locked(client, "site", editor.username)

    html = Html(log_in(client, "site", editor.username, PASSWORD))

    assert "There is a problem" in html.text
    assert "govuk-error-summary" in html.source
    assert LOCKED in html.text


def test_the_admin_form_shows_the_lockout_as_a_wagtail_message(client, editor):
    attempts_until_locked(client, "admin", editor.username)

    html = Html(log_in(client, "admin", editor.username, PASSWORD))

    assert 'class="error"' in html.source
    assert LOCKED in html.text


def test_nine_wrong_passwords_then_the_right_one_logs_in(client, editor):
    for attempt in range(LIMIT - 1):
        log_in(client, "site", editor.username, f"wrong {attempt}")

    assert log_in(client, "site", editor.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_failures_on_one_form_count_on_the_other(client, editor):
    for attempt in range(LIMIT // 2):
        log_in(client, "site", editor.username, f"wrong {attempt}")
    for attempt in range(LIMIT - LIMIT // 2):
        log_in(client, "admin", editor.username, f"wrong again {attempt}")

    assert log_in(client, "admin", editor.username, PASSWORD).status_code == 429
    assert not logged_in(client)


def test_an_account_is_locked_whatever_the_ip_address_and_capitals(client, editor):
    for attempt in range(LIMIT):
        username = editor.username.upper() if attempt % 2 else editor.username
        log_in(client, "site", username, "wrong", ip=f"198.51.100.{attempt}")

    assert log_in(client, "site", editor.username, PASSWORD, ip="203.0.113.9").status_code == 429
    assert not logged_in(client)


def test_an_ip_address_is_locked_whatever_the_account(client, editor):
    for attempt in range(LIMIT):
        log_in(client, "site", f"guess{attempt}@kent.gov.uk", "wrong", ip="192.0.2.66")

    assert log_in(client, "site", editor.username, PASSWORD, ip="192.0.2.66").status_code == 429
    assert not logged_in(client)
    # The same account from another address is not locked: only that address is.
    assert log_in(client, "site", editor.username, PASSWORD, ip="192.0.2.67").status_code == 302


def test_the_lockout_ends_after_the_cool_off_and_is_not_extended_by_more_failures(client, editor):
    attempts_until_locked(client, "site", editor.username)
    locked_at = AccessAttempt.objects.get().attempt_time
    for attempt in range(5):  # an attacker keeps trying during the lockout
        log_in(client, "site", editor.username, f"more {attempt}")

    attempt = AccessAttempt.objects.get()
    assert (attempt.failures_since_start, attempt.attempt_time) == (LIMIT, locked_at)
    # Fifteen minutes on (the failure moved back in time, as the clock would move on).
    AccessAttempt.objects.update(attempt_time=locked_at - COOL_OFF - datetime.timedelta(seconds=1))
    assert log_in(client, "site", editor.username, PASSWORD).status_code == 302


def test_the_count_is_in_the_database(client, editor):
    for attempt in range(3):
        log_in(client, "admin", editor.username, f"wrong {attempt}", ip="192.0.2.5")

    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == (editor.username, "192.0.2.5")
    assert attempt.failures_since_start == 3
    assert "wrong" not in attempt.post_data  # no password kept


# serialized_rollback: the test starts and ends with the data the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lockout_made_in_another_process_holds_here(site_root):
    """Another process (as another web worker would) fails ten times; this one is locked."""
    user = UserFactory(username="jo@kent.gov.uk")
    script = (
        "from django.test import Client\n"
        "client = Client()\n"
        "for n in range(10):\n"
        "    r = client.post('/account/login/', {'username': 'jo@kent.gov.uk', "
        "'password': f'wrong {n}'})\n"
        "print(r.status_code)\n"
    )

    output = run_manage("shell", "-c", script, env=worker_env(smtp_port=1))

    assert output.split()[-1] == "429"
    client = Client()
    response = client.post("/account/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert not logged_in(client)


# --- Wagtail's own front-end login is not routed -----------------------------------------------


def test_wagtails_front_end_login_leads_to_the_sites_own(client, editor):
    response = client.get("/_util/login/?next=/reports/")
    assert response.status_code in (301, 302)
    assert response["Location"] == "/account/login/?next=/reports/"

    posted = client.post("/_util/login/", {"username": editor.username, "password": PASSWORD})
    assert posted.status_code in (301, 302)
    assert not logged_in(client)


@pytest.mark.parametrize(
    "url",
    ["/_util/authenticate_with_password/1/2/", "/documents/authenticate_with_password/1/"],
)
def test_shared_password_forms_are_not_routed(client, site_root, url):
    assert client.post(url, {"password": "x", "return_url": "/"}).status_code == 404


def test_the_admins_own_password_reset_is_off(client, site_root):
    assert client.get("/admin/password_reset/").status_code == 404


# --- unlocking in the admin --------------------------------------------------------------------


def test_an_administrator_sees_and_unlocks_a_locked_account(client, editor):
    attempts_until_locked(client, "site", editor.username, ip="192.0.2.44")
    admin = Client()
    verified_login(admin, UserFactory(username="admin", is_superuser=True))

    listing = Html(admin.get("/admin/login-lockouts/"))
    assert editor.username in listing.text
    assert "192.0.2.44" in listing.text
    assert "Locked until" in listing.text

    response = admin.post("/admin/login-lockouts/", {"kind": "username", "value": editor.username})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
    assert f"Unlocked the account ‘{editor.username}’" in Html(admin.get(response["Location"])).text
    assert log_in(client, "site", editor.username, PASSWORD, ip="192.0.2.45").status_code == 302


def test_an_administrator_unlocks_an_ip_address(client, editor):
    for attempt in range(LIMIT):
        log_in(client, "site", f"guess{attempt}@kent.gov.uk", "wrong", ip="192.0.2.66")
    admin = Client()
    verified_login(admin, UserFactory(username="admin", is_superuser=True))

    admin.post("/admin/login-lockouts/", {"kind": "ip_address", "value": "192.0.2.66"})

    assert not AccessAttempt.objects.exists()
    assert log_in(client, "site", editor.username, PASSWORD, ip="192.0.2.66").status_code == 302


def test_the_lockouts_view_is_in_the_settings_menu_of_administrators_only(client, editor):
    admin = Client()
    verified_login(admin, UserFactory(username="admin", is_superuser=True))
    assert "Login lockouts" in admin.get("/admin/").content.decode()

    client.force_login(editor)
    assert "Login lockouts" not in client.get("/admin/").content.decode()
    assert client.get("/admin/login-lockouts/").status_code in (302, 403)
    response = client.post("/admin/login-lockouts/", {"kind": "username", "value": "x"})
    assert response.status_code in (302, 403)


def test_who_may_delete_access_attempts_may_unlock(client, editor):
    group = Group.objects.create(name="Helpdesk")
    group.permissions.add(Permission.objects.get(codename="delete_accessattempt"))
    editor.groups.add(group)
    client.force_login(editor)

    assert client.get("/admin/login-lockouts/").status_code == 200
