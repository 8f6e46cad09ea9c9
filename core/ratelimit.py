"""One rate limiter for every form that sends email: newsletter sign-ups, password resets and
requests for access.

Each use is counted in the database (RateLimitAttempt), not in Django's cache, which is per
process: with several web processes a cache count would undercount. The email address and the IP
address are stored as keyed hashes (HMAC with SECRET_KEY) and kept for a day. Limits per scope
come from ``settings.RATE_LIMITS``: so many uses per address and per IP address in a window.
"""

import datetime
import enum
import hashlib
import hmac

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import RateLimitAttempt

KEPT = datetime.timedelta(days=1)


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


def _digest(scope, kind, value):
    key = f"core.ratelimit.{scope}.{kind}:{settings.SECRET_KEY}".encode()
    data = value.encode("utf-8", "surrogatepass")  # whatever a form let through
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def record(scope, *, ip, address="", now=None):
    """Count one use of ``scope`` by ``ip`` for ``address`` and say whether it may go ahead.

    A use refused for its IP address is not counted (it does nothing); one past the address's
    limit is, so that whoever keeps trying keeps meeting the limit.
    """
    now = now or timezone.now()
    limit = limits(scope)
    since = now - datetime.timedelta(seconds=limit["window"])
    address_hash = _digest(scope, "address", address.strip().lower())
    ip_hash = _digest(scope, "ip", ip or "unknown")
    with transaction.atomic():
        # One use at a time per scope and IP address, so that parallel requests cannot overrun it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [ip_hash])
        RateLimitAttempt.objects.filter(created_at__lt=now - KEPT).delete()
        recent = RateLimitAttempt.objects.filter(scope=scope, created_at__gte=since)
        if recent.filter(ip_hash=ip_hash).count() >= limit["per_ip"]:
            return Outcome.IP_LIMITED
        address_ok = recent.filter(address_hash=address_hash).count() < limit["per_address"]
        RateLimitAttempt.objects.create(
            scope=scope, address_hash=address_hash, ip_hash=ip_hash, created_at=now
        )
    return Outcome.ALLOWED if address_ok else Outcome.ADDRESS_LIMITED
