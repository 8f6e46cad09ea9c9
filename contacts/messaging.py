"""Messages that visitors send people through the site, and the note that tells the sender.

The person gets the visitor's message with the visitor's address as Reply-To; their own address
is never shown to the visitor. The sender gets a note, not a copy of what they wrote: anyone can
type any address into the form, so a copy of the message would let a spammer send their text to
whomever they liked, from our server. The note's wording is fixed (only the person's name, role
and organisation, which editors write, go into it), so it carries nothing a spammer could use,
and the rate limit per address (RATE_LIMITS["person_message"]) bounds how many one inbox gets.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from .models import Person

SCOPE = "person_message"


def _send(subject, template, context, to, reply_to=()):
    body = render_to_string(template, context)
    EmailMessage(subject=subject, body=body, to=[to], reply_to=list(reply_to)).send(
        fail_silently=False
    )


def deliver(person_id, name, email, message, page_url):
    """Email the message to the person and the note to the sender. False when the person can no
    longer be messaged (they left, or their address was removed, since it was sent)."""
    person = Person.objects.select_related("organisation").filter(pk=person_id).first()
    if person is None or not person.can_be_messaged:
        return False
    context = {
        "person": person,
        "name": name,
        "email": email,
        "message": message,
        "page_url": page_url,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    _send(
        f"Message from {name} through the SESLIP website",
        "contacts/emails/message.txt",
        context,
        person.email,
        reply_to=[email],
    )
    _send(
        f"Your message to {person.name} has been sent",
        "contacts/emails/message_sent.txt",
        {"person": person, "page_url": page_url, "site_name": settings.WAGTAIL_SITE_NAME},
        email,
    )
    return True
