"""Request limits: bodies over the limit refused before they are read, and
Django's CommonMiddleware without its one server error.

``RequestLimitsMiddleware`` answers 413 from the Content-Length header alone, before a byte of
the body is read (and 400 to a Content-Length that is not a number, which Django would fail on).
Uploads in the admin may be as big as the largest document or image (WAGTAILDOCS_MAX_UPLOAD_SIZE,
WAGTAILIMAGES_MAX_UPLOAD_SIZE) plus the form's other fields (DATA_UPLOAD_MAX_MEMORY_SIZE); every
other request as big as the form fields alone.

``UploadLimitHandler`` (first of FILE_UPLOAD_HANDLERS) stops reading an uploaded file once it
passes the limit, for a body that says less than it sends: the request stops there, before the
view sees a partial form, and the visitor gets the same 413 page.
"""

import re

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponseBadRequest
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

DIGITS = re.compile(r"[0-9]+")
DEFAULT_IMAGE_LIMIT = 10 * 1024 * 1024  # Wagtail's default WAGTAILIMAGES_MAX_UPLOAD_SIZE


def largest_file():
    """The largest file anyone may upload, in bytes."""
    return max(
        getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 0,
        getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", DEFAULT_IMAGE_LIMIT) or 0,
    )


def is_upload(request):
    """Whether the request may carry a file: a multipart form sent to the admin."""
    return request.path_info.startswith(reverse("wagtailadmin_home")) and (
        request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/form-data")
    )


def body_limit(request):
    """The largest body this request may have, in bytes."""
    fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return largest_file() + fields if is_upload(request) else fields


def content_length(request):
    """The length the request says its body has: 0 when it says nothing, None when what it says
    is not a number in ASCII digits."""
    value = request.META.get("CONTENT_LENGTH") or "0"
    if not DIGITS.fullmatch(value):
        return None
    return int(value) if len(value) <= 19 else 10**19


def too_large(request):
    """The 413 page: what was too big, and what the limit is."""
    upload = is_upload(request)
    limit = largest_file() if upload else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    # WSGI servers close the connection themselves when the body is left unread.
    return render(
        request, "413.html", {"upload": upload, "limit": filesizeformat(limit)}, status=413
    )


def bad_request(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class RequestLimitsMiddleware:
    """The first middleware: refuses a request whose body would pass its limit, before reading
    it, and a request Django cannot read (too many parameters, a form in another encoding than
    UTF-8) with a 400 of its own: Django's own refusal, under DEBUG, reads the request again for
    its error page and fails with a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = content_length(request)
        if length is None:
            return bad_request("The request's Content-Length is not a number.")
        if length > body_limit(request):
            return too_large(request)
        try:
            request.GET  # noqa: B018 (parsed here, where its errors can be answered)
            if request.content_type == "application/x-www-form-urlencoded":
                request.POST  # noqa: B018
        except (SuspiciousOperation, BadRequest) as error:
            return bad_request(f"The request cannot be read: {error}")
        response = self.get_response(request)
        if getattr(request, "upload_too_large", False):
            return too_large(request)
        return response


class UploadLimitHandler(FileUploadHandler):
    """Stops an upload as soon as one file passes the largest size allowed."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > largest_file():
            self.request.upload_too_large = True
            raise RequestDataTooBig("An uploaded file is over the size limit.")
        return raw_data

    def file_complete(self, file_size):
        return None


class CommonMiddleware(DjangoCommonMiddleware):
    """Django's, except that only GET and HEAD requests are redirected to the address with its
    final slash: a form posted to an address without it gets a 404 (Django redirects it in
    production, losing the form, and raises a server error under DEBUG)."""

    def should_redirect_with_slash(self, request):
        return request.method in ("GET", "HEAD") and super().should_redirect_with_slash(request)
