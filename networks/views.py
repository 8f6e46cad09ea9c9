"""Public pages of the restricted areas: the ‘Request access’ form and its confirmation."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from core import ratelimit
from core.clients import client_ip
from core.utils import parse_int

from . import tasks
from .forms import RequestAccessForm
from .models import AccessGroup

RATE_LIMIT_SCOPE = "access_request"


@never_cache
def request_access(request):
    """Ask for access to restricted reports: name, authority, work email and reason.

    Limited per address and per IP address (core.ratelimit): past the address's limit the
    request is dropped with the usual answer. The programme is emailed by the worker."""
    status = 200
    if request.method == "POST":
        form = RequestAccessForm(request.POST)
        if form.is_valid():
            outcome = ratelimit.record(
                RATE_LIMIT_SCOPE, ip=client_ip(request), address=form.cleaned_data["email"]
            )
            if outcome is not ratelimit.Outcome.IP_LIMITED:
                if outcome is ratelimit.Outcome.ALLOWED:
                    access_request = form.save()
                    tasks.tell_programme_about_request.enqueue(access_request.pk)
                return redirect("request_access_sent")
            form.add_error(
                None,
                "There have been too many requests from your network recently. "
                f"Try again in {ratelimit.window_minutes(RATE_LIMIT_SCOPE)} minutes.",
            )
            status = 429
    else:
        initial = {}
        # ?group=<id> from a restricted page's link chooses that group, if it is offered.
        group = parse_int(request.GET.get("group", ""), minimum=1)
        if group and AccessGroup.objects.filter(pk=group, open_to_requests=True).exists():
            initial["access_group"] = group
        if request.user.is_authenticated:
            initial["name"] = request.user.get_full_name()
            initial["email"] = request.user.email
        form = RequestAccessForm(initial=initial)
    open_groups = list(AccessGroup.objects.filter(open_to_requests=True).select_related("group"))
    return render(
        request,
        "networks/request_access.html",
        # Its own form asks for an email address: no second one in the footer.
        {"form": form, "access_groups": open_groups, "hide_footer_signup": True},
        status=status,
    )


def request_access_sent(request):
    """The confirmation that a request has been received (it holds nothing personal)."""
    return render(request, "networks/request_access_sent.html")
