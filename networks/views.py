"""Public pages of the restricted areas: the ‘Request access’ form and its confirmation."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from seslip.utils import parse_int

from .access_requests import notify_programme
from .forms import RequestAccessForm
from .models import AccessGroup


@never_cache
def request_access(request):
    """Ask for access to restricted reports: name, authority, work email and reason."""
    if request.method == "POST":
        form = RequestAccessForm(request.POST)
        if form.is_valid():
            access_request = form.save()
            notify_programme(access_request, request.build_absolute_uri("/"))
            return redirect("request_access_sent")
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
        {"form": form, "access_groups": open_groups},
    )


def request_access_sent(request):
    """The confirmation that a request has been received (it holds nothing personal)."""
    return render(request, "networks/request_access_sent.html")
