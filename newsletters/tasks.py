"""Background tasks (django-tasks, database backend): `manage.py run_worker` runs them."""

from django_tasks import task


@task()
def send_mailing(mailing_id: int) -> dict:
    """Send a mailing's pending deliveries (see newsletters.sending)."""
    from .sending import deliver

    return deliver(mailing_id)
