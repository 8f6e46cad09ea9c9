"""Background tasks on the "email" backend (django-tasks-db): `manage.py run_worker` runs them."""

from django_tasks import task


@task(backend="email")
def send_mailing(mailing_id: int) -> dict:
    """Send a mailing's pending deliveries (see newsletters.sending)."""
    from .sending import deliver

    return deliver(mailing_id)
