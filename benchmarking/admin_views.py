"""The admin upload of a release: the same loading as ``manage.py import_benchmarking``."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import importer
from .forms import UploadForm

PERMISSION = "benchmarking.add_release"


def upload(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    report = None
    refused = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
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
