"""Who is asking: the client's IP address, read in this one place.

Every per-IP limit (login throttling, sign-ups, password resets, requests for access) takes the
address from here. A request that comes straight from a visitor is known by ``REMOTE_ADDR``.
Behind a reverse proxy (or a load balancer, or a CDN) every request comes from the proxy, which
names the visitor in ``X-Forwarded-For``; but anyone can send that header, so it is believed only
when the request comes from a proxy that ``TRUSTED_PROXIES`` names, and only as far back as the
chain of trusted proxies goes: reading the header from the right, the first address that is not a
trusted proxy is the visitor. Addresses a visitor wrote into the header themselves lie further
left, and are never reached.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The IP address the request came from ("" when unknown)."""
    address = request.META.get("REMOTE_ADDR", "")
    if not _trusted(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address  # a malformed entry: the last trusted hop is all that is known
        if not _trusted(hop):
            return hop
        address = hop
    return address
