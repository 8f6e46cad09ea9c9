"""One rate limiter for every form that sends email: newsletter sign-ups, password resets,
requests for access and messages to people from their pages.

Each use is counted where every process of the site sees it, never in a process's memory: in
Redis when ``REDIS_URL`` is set (the site on several machines), otherwise in the database
(RateLimitAttempt). The email address and the IP address are stored as keyed hashes (HMAC with
SECRET_KEY) and kept for a day at most. Limits per scope come from ``settings.RATE_LIMITS``: so
many uses per address and per IP address in a window. An address is counted as the mailbox it
reaches (``mailbox``), an IPv6 address as its /64 network (``network``).

``record`` holds the rule, once; a *store* (``DatabaseStore``, ``RedisStore``) only counts, adds
and forgets uses, under a lock per scope and IP address so that parallel requests cannot overrun
a limit.
"""

import contextlib
import datetime
import enum
import hashlib
import hmac
import ipaddress
import uuid
from functools import cache

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import RateLimitAttempt

KEPT = datetime.timedelta(days=1)
LOCK_SECONDS = 10  # a Redis lock left by a killed process frees itself after this


class Outcome(enum.Enum):
    ALLOWED = "allowed"
    # The address has had its share: answer as usual, send nothing.
    ADDRESS_LIMITED = "address limited"
    # Too many from this IP address: the form says so (the address is not looked at).
    IP_LIMITED = "ip limited"


def limits(scope):
    """The limits of ``scope``: per_address, per_ip and window (seconds)."""
    return settings.RATE_LIMITS[scope]


def window_minutes(scope):
    return max(1, limits(scope)["window"] // 60)


def mailbox(address):
    """The mailbox an address reaches, as it is counted: whatever its capitals or spaces, and
    without a "+tag" on its local part (jo+a@kent.gov.uk is jo@kent.gov.uk's mailbox)."""
    local, at, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}{at}{domain}" if at else domain


def network(ip):
    """Where requests come from, as it is counted: an IPv4 address, or an IPv6 address's /64
    network (one connection is given a whole /64, so its addresses are one client's)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip or "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def _digest(scope, kind, value):
    key = f"core.ratelimit.{scope}.{kind}:{settings.SECRET_KEY}".encode()
    data = value.encode("utf-8", "surrogatepass")  # whatever a form let through
    return hmac.new(key, data, hashlib.sha256).hexdigest()


class DatabaseStore:
    """Uses as RateLimitAttempt rows; the lock is a PostgreSQL advisory lock."""

    @contextlib.contextmanager
    def locked(self, scope, ip_hash):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [ip_hash])
            yield

    def forget_before(self, scope, hashes, cutoff):
        RateLimitAttempt.objects.filter(created_at__lt=cutoff).delete()

    def count(self, scope, kind, value_hash, since):
        field = {"ip": "ip_hash", "address": "address_hash"}[kind]
        return RateLimitAttempt.objects.filter(
            scope=scope, created_at__gte=since, **{field: value_hash}
        ).count()

    def add(self, scope, hashes, now):
        RateLimitAttempt.objects.create(
            scope=scope, address_hash=hashes["address"], ip_hash=hashes["ip"], created_at=now
        )


class RedisStore:
    """Uses as members of one sorted set per scope and hash, scored by time; each set expires
    a day after its last use. The lock is a Redis lock, which frees itself after LOCK_SECONDS."""

    def __init__(self, url):
        self.client = _redis_client(url)

    @staticmethod
    def _key(scope, kind, value_hash):
        return f"ratelimit:{scope}:{kind}:{value_hash}"

    @contextlib.contextmanager
    def locked(self, scope, ip_hash):
        with self.client.lock(
            f"ratelimit-lock:{scope}:{ip_hash}", timeout=LOCK_SECONDS, blocking_timeout=LOCK_SECONDS
        ):
            yield

    def forget_before(self, scope, hashes, cutoff):
        with self.client.pipeline() as pipe:
            for kind, value_hash in hashes.items():
                pipe.zremrangebyscore(
                    self._key(scope, kind, value_hash), "-inf", f"({cutoff.timestamp()}"
                )
            pipe.execute()

    def count(self, scope, kind, value_hash, since):
        return self.client.zcount(self._key(scope, kind, value_hash), since.timestamp(), "+inf")

    def add(self, scope, hashes, now):
        member = uuid.uuid4().hex
        with self.client.pipeline() as pipe:
            for kind, value_hash in hashes.items():
                key = self._key(scope, kind, value_hash)
                pipe.zadd(key, {member: now.timestamp()})
                pipe.expire(key, int(KEPT.total_seconds()))
            pipe.execute()


@cache
def _redis_client(url):
    return redis.Redis.from_url(url)


def store():
    """Where uses are counted: Redis when REDIS_URL is set, otherwise the database."""
    return RedisStore(settings.REDIS_URL) if settings.REDIS_URL else DatabaseStore()


def record(scope, *, ip, address="", now=None):
    """Count one use of ``scope`` by ``ip`` for ``address`` and say whether it may go ahead.

    A use refused for its IP address is not counted (it does nothing); one past the address's
    limit is, so that whoever keeps trying keeps meeting the limit.
    """
    now = now or timezone.now()
    limit = limits(scope)
    since = now - datetime.timedelta(seconds=limit["window"])
    hashes = {
        "address": _digest(scope, "address", mailbox(address)),
        "ip": _digest(scope, "ip", network(ip)),
    }
    counts = store()
    with counts.locked(scope, hashes["ip"]):
        counts.forget_before(scope, hashes, now - KEPT)
        if counts.count(scope, "ip", hashes["ip"], since) >= limit["per_ip"]:
            return Outcome.IP_LIMITED
        address_ok = counts.count(scope, "address", hashes["address"], since) < limit["per_address"]
        counts.add(scope, hashes, now)
    return Outcome.ALLOWED if address_ok else Outcome.ADDRESS_LIMITED
