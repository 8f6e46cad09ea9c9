"""Logging in as an editor who uses two-factor authentication, in tests.

``totp`` computes an authenticator app's code by RFC 6238 (written here from the RFC, not taken
from the code under test). ``verified_login`` logs a test client in as a user who has given their
code: it gives the user an app (a TOTP device) and records it in the session with django-otp's own
``login()``, as the site's code page does. Browser tests give a user an app with a known key
(``app_setup_script``) and log in through the real forms (``log_in_to_admin``).
"""

import hashlib
import hmac
import re
import struct
import time

from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp(key_hex, at=None, step=30, digits=6):
    """The code an authenticator app shows at ``at`` (seconds since the epoch) for this key."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def give_app(user):
    """The user's authenticator app (a confirmed TOTP device), made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def verified_login(client, user):
    """Log ``client`` in as ``user``, password and code given."""
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, give_app(user))
    request.session.save()
    return client


def app_setup_script(username, key_hex):
    """Python for `manage.py shell -c` giving ``username`` an authenticator app with this key,
    on a site served for the browser tests."""
    return (
        "from django.contrib.auth import get_user_model\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        f"user = get_user_model().objects.get(username={username!r})\n"
        f"TOTPDevice.objects.create(user=user, name='Phone', key={key_hex!r}, confirmed=True)\n"
    )


def log_in_to_admin(page, site, username, password, key_hex):
    """In the browser: the admin's login form, then the code from the app."""
    page.goto(site + "/admin/login/")
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password)
    page.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(re.escape(site) + r"/admin/two-factor/verify/"))
    page.get_by_label("Code").fill(totp(key_hex))
    page.get_by_role("button", name="Continue").click()
