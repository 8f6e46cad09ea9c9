"""The client's address behind a reverse proxy: X-Forwarded-For is believed only from the
proxies that TRUSTED_PROXIES names, so visitors keep their own per-IP limits and cannot forge
another's address."""

import pytest
from django.test import RequestFactory

from core.clients import client_ip
from mailing.models import Subscriber

PROXY = "10.0.0.5"


def ip(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **headers))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert ip(PROXY, "203.0.113.9") == PROXY


def test_a_trusted_proxy_names_the_visitor(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert ip(PROXY, "203.0.113.9") == "203.0.113.9"
    assert ip(PROXY) == PROXY  # no header: the proxy's own request


def test_an_address_a_visitor_wrote_into_the_header_is_not_believed(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    # The visitor sent "X-Forwarded-For: 198.51.100.1"; the proxy appended their real address.
    assert ip(PROXY, "198.51.100.1, 203.0.113.9") == "203.0.113.9"


def test_a_request_from_elsewhere_cannot_forge_its_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert ip("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_a_chain_of_trusted_proxies_and_networks(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    assert ip("10.1.2.3", "198.51.100.1, 203.0.113.9, 2001:db8::7, 10.9.9.9") == "203.0.113.9"
    assert ip("10.1.2.3", "10.4.4.4") == "10.4.4.4"  # trusted all the way: the furthest one


@pytest.mark.parametrize("header", ["not-an-address", "203.0.113.9, ², 10.0.0.6", "\x00", ""])
def test_a_malformed_header_falls_back_to_the_last_trusted_hop(settings, header):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip(PROXY, header) in (PROXY, "10.0.0.6")


def sign_up(client, n, visitor):
    return client.post(
        "/newsletters/subscribe/",
        {"email": f"reader{visitor}{n}@example.org", "name": "", "source": "/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=visitor,
    )


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_has_their_own_sign_up_limit(
    site_root, settings, client
):
    settings.TRUSTED_PROXIES = [PROXY]
    for n in range(10):
        assert sign_up(client, n, "203.0.113.9").status_code == 302
    assert sign_up(client, 10, "203.0.113.9").status_code == 429
    assert sign_up(client, 0, "198.51.100.1").status_code == 302
    assert Subscriber.objects.filter(email="reader198.51.100.10@example.org").exists()


@pytest.mark.django_db
def test_without_trust_everyone_behind_the_proxy_shares_its_limit(site_root, settings, client):
    settings.TRUSTED_PROXIES = []
    for n in range(10):
        assert sign_up(client, n, "203.0.113.9").status_code == 302
    assert sign_up(client, 0, "198.51.100.1").status_code == 429
