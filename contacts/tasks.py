"""Background tasks of the contacts, on the "email" backend (`manage.py run_worker`)."""

from django_tasks import task

from . import messaging


@task(backend="email")
def send_message(person_id: int, name: str, email: str, message: str, page_url: str) -> bool:
    """Send a visitor's message to a person, and the note to the visitor (contacts.messaging)."""
    return messaging.deliver(person_id, name, email, message, page_url)
