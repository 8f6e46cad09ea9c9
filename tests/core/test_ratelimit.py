"""The rate limiter counts in Redis when REDIS_URL is set and in the database otherwise, with the
same rule either way: each test runs on both, Redis being a real redis-server."""

import datetime
import ipaddress
import uuid

import pytest
import redis
from django.utils import timezone

from core import ratelimit
from core.models import RateLimitAttempt

# Newsletter sign-ups: 3 an hour per address, 10 an hour per IP address (settings.RATE_LIMITS).
SCOPE = "newsletter_signup"
PER_ADDRESS, PER_IP, WINDOW = 3, 10, datetime.timedelta(hours=1)


@pytest.fixture(params=["database", "redis"])
def counted_in(request, settings, db):
    if request.param == "redis":
        settings.REDIS_URL = request.getfixturevalue("redis_url")
    else:
        settings.REDIS_URL = ""
    return request.param


def unique_ip():
    number = uuid.uuid4().int
    return f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250}"


def unique_address():
    return f"{uuid.uuid4().hex}@example.org"


def test_an_address_past_its_limit_is_counted_but_not_allowed(counted_in):
    address = unique_address()
    outcomes = [
        ratelimit.record(SCOPE, ip=unique_ip(), address=address) for _ in range(PER_ADDRESS + 2)
    ]
    assert (
        outcomes
        == [ratelimit.Outcome.ALLOWED] * PER_ADDRESS + [ratelimit.Outcome.ADDRESS_LIMITED] * 2
    )
    # Its capitals and spaces make no difference.
    assert (
        ratelimit.record(SCOPE, ip=unique_ip(), address=f"  {address.upper()} ")
        is ratelimit.Outcome.ADDRESS_LIMITED
    )


def test_an_address_is_counted_as_its_mailbox_whatever_its_tag(counted_in):
    local = uuid.uuid4().hex
    for tag in range(PER_ADDRESS):
        ratelimit.record(SCOPE, ip=unique_ip(), address=f"{local}+{tag}@example.org")

    # jo+tag@ reaches jo@'s mailbox: each tag is not a new address.
    assert (
        ratelimit.record(SCOPE, ip=unique_ip(), address=f"{local}@example.org")
        is ratelimit.Outcome.ADDRESS_LIMITED
    )
    assert (
        ratelimit.record(SCOPE, ip=unique_ip(), address=f"{local}+new@example.org")
        is ratelimit.Outcome.ADDRESS_LIMITED
    )
    assert ratelimit.record(SCOPE, ip=unique_ip(), address=f"{local}@example.net") is (
        ratelimit.Outcome.ALLOWED
    )


def test_an_ipv6_client_is_counted_by_its_64_network(counted_in):
    """One connection is given a /64: its addresses are one client's."""
    network = ipaddress.ip_address("2001:db8::") + (uuid.uuid4().int % 2**32 << 64)
    outcomes = [
        ratelimit.record(SCOPE, ip=str(network + n + 1), address=unique_address())
        for n in range(PER_IP + 1)
    ]
    assert outcomes == [ratelimit.Outcome.ALLOWED] * PER_IP + [ratelimit.Outcome.IP_LIMITED]
    next_network = network + 2**64
    assert ratelimit.record(SCOPE, ip=str(next_network + 1), address=unique_address()) is (
        ratelimit.Outcome.ALLOWED
    )


def test_an_ip_address_past_its_limit_is_refused_and_not_counted(counted_in):
    ip = unique_ip()
    outcomes = [ratelimit.record(SCOPE, ip=ip, address=unique_address()) for _ in range(PER_IP + 3)]
    assert outcomes == [ratelimit.Outcome.ALLOWED] * PER_IP + [ratelimit.Outcome.IP_LIMITED] * 3
    # Another IP address is not held back by this one.
    assert ratelimit.record(SCOPE, ip=unique_ip()) is ratelimit.Outcome.ALLOWED


def test_uses_older_than_the_window_no_longer_count(counted_in):
    ip, address = unique_ip(), unique_address()
    start = timezone.now()
    for _ in range(PER_IP):
        ratelimit.record(SCOPE, ip=ip, address=address, now=start)
    just_inside = start + WINDOW - datetime.timedelta(seconds=1)
    assert ratelimit.record(SCOPE, ip=ip, now=just_inside) is ratelimit.Outcome.IP_LIMITED
    after = start + WINDOW + datetime.timedelta(seconds=1)
    assert ratelimit.record(SCOPE, ip=ip, address=address, now=after) is ratelimit.Outcome.ALLOWED


def test_redis_holds_the_counts_and_the_database_none(settings, db, redis_url):
    settings.REDIS_URL = redis_url
    ip, address = unique_ip(), unique_address()
    for _ in range(2):
        ratelimit.record(SCOPE, ip=ip, address=address)
    assert not RateLimitAttempt.objects.exists()
    client = redis.Redis.from_url(redis_url)
    ip_key = f"ratelimit:{SCOPE}:ip:{ratelimit._digest(SCOPE, 'ip', ip)}"
    assert client.zcard(ip_key) == 2
    # Kept for a day at most, and nothing in clear.
    assert 0 < client.ttl(ip_key) <= 24 * 3600
    assert not [key for key in client.scan_iter() if ip.encode() in key or b"example" in key]


def test_without_redis_the_database_holds_the_counts(settings, db):
    settings.REDIS_URL = ""
    ratelimit.record(SCOPE, ip=unique_ip(), address=unique_address())
    assert RateLimitAttempt.objects.filter(scope=SCOPE).count() == 1
