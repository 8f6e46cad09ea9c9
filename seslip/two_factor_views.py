"""The admin's pages for two-factor authentication (seslip.two_factor): set up an authenticator
app, give a code after the password, see or renew recovery codes, turn it off."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from core.utils import count_of

from . import two_factor

WRONG_CODE = "The code is not right. Check the time on your phone, and try the newest code."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        error_messages={"required": "Enter the code"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autofocus": ""}
        ),
    )

    def __init__(self, *args, user, devices_for, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.devices_for = devices_for
        self.device = None

    def clean_code(self):
        code = two_factor.normalise_code(self.cleaned_data["code"])
        wait = None
        # The devices are locked while a code is checked, so that parallel guesses queue up
        # behind django-otp's throttling (each failure doubles the wait) instead of racing it.
        with transaction.atomic():
            for device in self.devices_for(code).select_for_update():
                allowed, why = device.verify_is_allowed()
                if not allowed:
                    locked_until = (why or {}).get("locked_until") or timezone.now()
                    wait = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
                elif device.verify_token(code):
                    self.device = device
                    return code
        if wait is not None:
            raise forms.ValidationError(
                f"Too many wrong codes. Wait {count_of(wait, 'second')} and try again.",
                code="throttled",
            )
        raise forms.ValidationError(WRONG_CODE, code="wrong")


def _next_url(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("wagtailadmin_home")


def _render(request, template, context, status=200):
    response = TemplateResponse(request, f"seslip/admin/two_factor/{template}.html", context)
    response.status_code = status
    return response


def qr_code_svg(text):
    """``text`` as a QR code, an accessible inline SVG (the secret is also given as text)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=15)
    svg = image.to_string(encoding="unicode")
    label = 'role="img" aria-label="QR code for your authenticator app"'
    return mark_safe(svg.replace("<svg ", f"<svg {label} ", 1))  # noqa: S308 (made here)


def _grouped(text, size=4):
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """The code after the password: from the app, or a recovery code."""
    user = request.user
    if user.is_verified() or not two_factor.has_two_factor(user):
        return redirect(_next_url(request))
    form = CodeForm(
        request.POST or None,
        user=user,
        devices_for=lambda code: two_factor.devices_for_code(user, code),
    )
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        if isinstance(form.device, StaticDevice):
            left = two_factor.recovery_codes_left(user)
            messages.warning(
                request,
                f"You used a recovery code: {left} left. Make new ones under Account → "
                "Two-step verification.",
            )
        return redirect(_next_url(request))
    status = 400 if form.is_bound else 200
    return _render(request, "verify", {"form": form, "next": _next_url(request)}, status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the secret), give a code, then
    note the recovery codes, shown only this once."""
    user = request.user
    if two_factor.has_two_factor(user) and not user.is_verified():
        # Adding a device needs the code of the one they have: a password alone is not enough.
        return redirect(reverse("seslip_two_factor_verify") + "?next=" + request.path)
    device = two_factor.pending_app_device(user)
    form = CodeForm(
        request.POST or None,
        user=user,
        devices_for=lambda code: type(device).objects.filter(pk=device.pk),
    )
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_app_device(user, device)
        device.refresh_from_db()
        otp_login(request, device)
        return _render(
            request,
            "recovery_codes",
            {"codes": codes, "next": _next_url(request), "just_enrolled": True},
        )
    context = {
        "form": form,
        "qr_code": qr_code_svg(device.config_url),
        "secret": _grouped(b32encode(device.bin_key).decode()),
        "next": _next_url(request),
        "replacing": two_factor.has_two_factor(user),
        "required": two_factor.two_factor_required(user),
    }
    return _render(request, "enrol", context, 400 if form.is_bound else 200)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def overview(request):
    """Whether two-step verification is on, and what an editor can do about it."""
    user = request.user
    action = request.POST.get("action")
    if request.method == "POST" and action == "new_codes" and two_factor.has_two_factor(user):
        codes = two_factor.new_recovery_codes(user)
        return _render(request, "recovery_codes", {"codes": codes, "just_enrolled": False})
    if request.method == "POST" and action == "turn_off":
        if two_factor.two_factor_required(user):
            messages.error(request, "Your role needs two-step verification: it stays on.")
        else:
            two_factor.turn_off(user)
            messages.success(request, "Two-step verification is off.")
        return redirect("seslip_two_factor")
    context = {
        "page_title": "Two-step verification",
        "header_title": "Two-step verification",
        "header_icon": "key",
        "enabled": two_factor.has_two_factor(user),
        "required": two_factor.two_factor_required(user),
        "codes_left": two_factor.recovery_codes_left(user),
    }
    return _render(request, "overview", context)
