"""Background tasks of the restricted areas, on the "email" backend (`manage.py run_worker`)."""

from django_tasks import task

from .access_requests import notify_programme
from .models import AccessRequest


@task(backend="email")
def tell_programme_about_request(access_request_id: int) -> bool:
    """Email the programme about a new request for access (links at WAGTAILADMIN_BASE_URL).
    False when the request has gone since (say, replaced by a later one and deleted)."""
    access_request = AccessRequest.objects.filter(pk=access_request_id).first()
    if access_request is None:
        return False
    notify_programme(access_request)
    return True
