"""The admin upload of a release: the same loading as ``manage.py import_benchmarking``."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import importer
from .forms import UploadForm
from .models import Release

PERMISSION = "benchmarking.add_release"


def _hidden_from(user, name):
    """Whether the release of this name is restricted and not shared with the user: loading
    into it could change who sees figures they may not see themselves."""
    releases = Release.objects.filter(name=name)
    return releases.exists() and not releases.visible_to(user).exists()


def upload(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    report = None
    refused = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid() and _hidden_from(request.user, form.cleaned_data["release"]):
            form.add_error(
                "release",
                "A restricted release of this name is not shared with you: choose another name.",
            )
        if form.is_valid():
            data = form.cleaned_data
            files = {
                role: data[role].read()
                for role in ("values", "measures", "neighbours", "areas")
                if data.get(role)
            }
            try:
                report = importer.load(
                    files,
                    release_name=data["release"],
                    restricted=data["restricted"],
                    groups=list(data["groups"]),
                    embargo_date=data["embargo_date"],
                )
            except importer.ImportRefused as error:
                refused = error.errors
    else:
        form = UploadForm()
    return render(
        request,
        "benchmarking/admin/upload.html",
        {
            "form": form,
            "report": report,
            "refused": refused,
            "page_title": "Load benchmarking data",
        },
    )
