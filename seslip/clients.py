"""Who is asking: the client's IP address, read in this one place.

Every per-IP limit (login throttling, sign-ups, password resets, requests for access) takes the
address from here. Behind a reverse proxy, change this function to take it from the proxy's
``X-Forwarded-For`` (the address the trusted proxy appended), never from a header the client
can set unchecked.
"""


def client_ip(request):
    """The IP address the request came from ("" when unknown)."""
    return request.META.get("REMOTE_ADDR", "")
