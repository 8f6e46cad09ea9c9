"""Settings → Login lockouts: who is locked out of logging in (seslip.login_throttle), and a
button to unlock them at once. For superusers, or anyone who may delete access attempts."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

PERMISSION = "axes.delete_accessattempt"


def may_unlock(user):
    return user.has_perm(PERMISSION)


def _totals(field, since):
    """Failures per username or per IP address within the cool-off, most recent first."""
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-last")
    )
    return [{"value": row[field], "failures": row["failures"], "last": row["last"]} for row in rows]


@require_http_methods(["GET", "HEAD", "POST"])
def lockouts(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        kind, value = request.POST.get("kind"), request.POST.get("value", "")
        if kind == "username":
            AxesProxyHandler.reset_attempts(username=value)
            messages.success(request, f"Unlocked the account ‘{value}’.")
        elif kind == "ip_address":
            AxesProxyHandler.reset_attempts(ip_address=value)
            messages.success(request, f"Unlocked the IP address {value}.")
        return redirect("seslip_login_lockouts")
    cool_off = get_cool_off(request)
    since = timezone.now() - cool_off
    limit = get_failure_limit(request, None)
    sections = [
        ("username", "Accounts", "Account", _totals("username", since)),
        ("ip_address", "IP addresses", "IP address", _totals("ip_address", since)),
    ]
    for _, _, _, rows in sections:
        for row in rows:
            row["locked"] = row["failures"] >= limit
            row["until"] = row["last"] + cool_off
    context = {
        "page_title": "Login lockouts",
        "header_title": "Login lockouts",
        "header_icon": "lock",
        "sections": sections,
        "limit": limit,
        "minutes": int(cool_off.total_seconds() // 60),
    }
    return TemplateResponse(request, "seslip/admin/login_lockouts.html", context)
