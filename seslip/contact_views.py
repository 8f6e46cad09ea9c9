"""Sending a person a message through the site: /contacts/<id>/message/ and its confirmation.

The form is on each person's page, which is public and cached, so like the sign-up form
(mailing/subscription_views.py) it carries no CSRF token and these views set no cookie: a CSRF
token is per visitor and needs a cookie, so a cached page would carry someone else's token. A
forged request can do nothing here that the forger could not do by filling in the form, and what
could be abused is bounded: the person's address is never shown, messages are limited per
sender's address and per IP address (RATE_LIMITS["person_message"]), the note to the sender
carries none of the visitor's text (contacts/messaging.py), and a form posted from another site is
shown back to check rather than sent. Every answer is ``no-store``: the page cache and any proxy
keep none of them.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from contacts.forms import MessageForm
from contacts.messaging import SCOPE
from contacts.models import Person
from contacts.tasks import send_message as send_message_task
from core import ratelimit
from core.clients import client_ip
from core.utils import site_url

from .models import ContactsIndexPage

IP_LIMITED = (
    "You have sent too many messages from this computer in the last hour. Try again in "
    "{minutes} minutes. Your message has not been sent."
)
ADDRESS_LIMITED = (
    "Too many messages have been sent from this email address in the last hour. Try again in "
    "{minutes} minutes. Your message has not been sent."
)


def _index_and_person(pk):
    """The contacts page and the person, if they may be sent a message; else 404."""
    index = ContactsIndexPage.objects.live().public().first()
    person = Person.objects.current().select_related("organisation").filter(pk=pk).first()
    if index is None or person is None or not person.can_be_messaged:
        raise Http404("No such person")
    return index, person


def _render(request, template, index, person, context=None, status=200):
    base = {
        "page": index,
        "self": index,
        "person": person,
        "person_url": index.person_url(person),
        "hide_footer_signup": True,
    }
    response = TemplateResponse(request, template, {**base, **(context or {})}, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def send_message(request, pk):
    """The form (also on the person's page); a valid message is queued and the sender sent on
    to the confirmation. Errors show the form again with everything typed in it."""
    index, person = _index_and_person(pk)
    template = "seslip/person_message.html"
    if request.method != "POST":
        return _render(request, template, index, person, {"form": MessageForm(person=person)})

    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        # Posted from another site: show it back to check, send nothing yet.
        initial = {k: request.POST.get(k, "")[:5000] for k in ("name", "email", "message")}
        form = MessageForm(initial=initial, person=person)
        return _render(request, template, index, person, {"form": form, "check": True})

    form = MessageForm(request.POST, person=person)
    if not form.is_valid():
        return _render(request, template, index, person, {"form": form}, status=400)
    data = form.cleaned_data
    outcome = ratelimit.record(SCOPE, ip=client_ip(request), address=data["email"])
    if outcome is not ratelimit.Outcome.ALLOWED:
        text = IP_LIMITED if outcome is ratelimit.Outcome.IP_LIMITED else ADDRESS_LIMITED
        form.add_error(None, text.format(minutes=ratelimit.window_minutes(SCOPE)))
        return _render(request, template, index, person, {"form": form}, status=429)
    send_message_task.enqueue(
        person.pk,
        data["name"],
        data["email"],
        data["message"],
        site_url(index.person_url(person)),
    )
    response = redirect("person_message_sent", pk=person.pk)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def message_sent(request, pk):
    """The confirmation: a panel saying the message has gone, and what happens next."""
    index, person = _index_and_person(pk)
    return _render(request, "seslip/person_message_sent.html", index, person)
