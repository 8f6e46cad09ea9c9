"""Security headers on every response: Content-Security-Policy, Permissions-Policy,
Cross-Origin-Resource-Policy, and X-Frame-Options where Django's middleware does not reach.

Django's SecurityMiddleware sets the rest (HSTS in production, X-Content-Type-Options,
Referrer-Policy, Cross-Origin-Opener-Policy). ``SecurityHeadersMiddleware`` comes right after
it in MIDDLEWARE, above WhiteNoise, so static files, error pages and document downloads carry
the same headers as pages.

Public pages get a strict policy: everything from our own origin, no inline script or style at
all (the templates have none, and tests/seslip/test_content_security_policy.py keeps it so),
hence no nonces, which cached pages could not carry, and no hashes either.

The Wagtail admin gets a policy of its own, found by running its editor under the public
policy: Wagtail 8 starts InlinePanel, MultipleChooserPanel and the date and time widgets with
an inline ``<script>`` holding that field's options, and its chooser modals arrive as HTML whose
inline scripts jQuery runs; without them no modal opens. Draftail and the jQuery plugins write
style attributes, and multiple uploads preview images from ``blob:`` and ``data:`` URLs. So the
admin allows inline script and style and those image URLs, and still nothing from any other
origin (with the Gravatar pictures and the release check turned off in the settings). Wagtail
marks its previews with ``X-Frame-Options: SAMEORIGIN`` so that the editor can show them in a
frame: those responses, and only those, may be framed by our own origin (``frame-ancestors
'self'``); they show the public templates and keep the public policy otherwise.

Why this rather than django-csp: we need a fixed policy per part of the site, picked by URL
(Wagtail's views take no decorator of ours), plus the previews' exception, and headers that
django-csp does not set (Permissions-Policy, Cross-Origin-Resource-Policy). django-csp 4 would
bring nonce machinery and configuration we would not use for a policy of a few lines; Django's
own CSP support only arrives in Django 6.0, and this site runs 5.2.
"""

from django.urls import reverse

SELF = "'self'"
NONE = "'none'"

PUBLIC_POLICY = {
    "default-src": SELF,
    "object-src": NONE,
    "base-uri": SELF,
    "form-action": SELF,
    "frame-ancestors": NONE,
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": f"{SELF} 'unsafe-inline'",
    "style-src": f"{SELF} 'unsafe-inline'",
    "img-src": f"{SELF} data: blob:",
}

# Browser features no page of the site uses: denied to it and to anything it might frame.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


def content_security_policy(policy, frame_ancestors, secure):
    """The header's value: the policy's directives, framing as given, and on HTTPS an order to
    fetch anything addressed with http:// over HTTPS instead."""
    directives = {**policy, "frame-ancestors": frame_ancestors}
    parts = [f"{name} {value}" for name, value in directives.items()]
    if secure:
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    @property
    def admin_prefix(self):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("wagtailadmin_home")
        return self._admin_prefix

    def __call__(self, request):
        response = self.get_response(request)
        # Django's XFrameOptionsMiddleware has set it on everything but static files.
        response.headers.setdefault("X-Frame-Options", "DENY")
        previewed = response.headers["X-Frame-Options"].upper() == "SAMEORIGIN"
        in_admin = request.path.startswith(self.admin_prefix)
        policy = ADMIN_POLICY if in_admin and not previewed else PUBLIC_POLICY
        framing = SELF if previewed else NONE
        existing = response.headers.get("Content-Security-Policy")
        if existing is None:
            response.headers["Content-Security-Policy"] = content_security_policy(
                policy, framing, request.is_secure()
            )
        else:
            # A policy set already: Wagtail's for documents ("default-src 'none'", which says
            # nothing of framing), or ours on the page that a preview renders inside the
            # preview's request (refusing the frame the preview goes in). Framing follows
            # X-Frame-Options, and the rest stays.
            directives = [
                directive.strip()
                for directive in existing.split(";")
                if directive.strip() and directive.split()[0] != "frame-ancestors"
            ]
            response.headers["Content-Security-Policy"] = "; ".join(
                [*directives, f"frame-ancestors {framing}"]
            )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
