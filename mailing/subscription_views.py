"""The public pages for the email update: sign up, confirm, unsubscribe (/newsletters/...).

No cookie and no CSRF token. The sign-up form is on every page's footer and on every update, and
those pages are public and cacheable: a CSRF token is per visitor and needs a cookie, so a cached
page would carry someone else's token and every visitor would get a cookie. CSRF protection guards
what a logged-in visitor's cookies allow; these views use no cookie, session or login, so a forged
request can do nothing that the forger could not do directly. What could be abused (making us send
confirmation emails) is bounded by double opt-in (nothing is sent to an address until its owner
confirms), by the rate limits per address and per IP address, and a form posted from another site
is shown back to the visitor to check rather than acted on. Confirming and unsubscribing need the
signed link from the email; the unsubscribe POST must work without a token anyway (RFC 8058).
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.clients import client_ip
from newsletters.models import NewsletterIndexPage

from . import subscriptions
from .forms import NetworksForm, SubscribeForm

MAX_TOKEN_LENGTH = 200


def render_page(request, template, context=None, status=200):
    index = NewsletterIndexPage.objects.live().public().first()
    base = {"page": index, "include_self": index is not None, "hide_footer_signup": True}
    response = TemplateResponse(request, template, {**base, **(context or {})}, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """Sign up; a valid address gets the same neutral answer whatever its state."""
    if request.method != "POST":
        return render_page(request, "mailing/subscribe.html", {"form": SubscribeForm()})

    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        # Posted from another site: show it back to check, do nothing yet.
        form = SubscribeForm(
            initial={k: request.POST.get(k, "")[:254] for k in ("email", "name", "source")}
        )
        return render_page(request, "mailing/subscribe.html", {"form": form, "check": True})

    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render_page(request, "mailing/subscribe.html", {"form": form})
    try:
        subscriptions.sign_up(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            source=form.cleaned_data["source"] or request.path,
            ip=client_ip(request),
            networks=form.cleaned_data.get("networks") or (),
        )
    except subscriptions.SignupRefused as refusal:
        form.add_error(None, refusal.message)
        return render_page(request, "mailing/subscribe.html", {"form": form}, status=refusal.status)
    return redirect("mailing:subscribe_sent")


@require_http_methods(["GET", "HEAD"])
def subscribe_sent(request):
    return render_page(
        request, "mailing/subscribe_sent.html", {"days": subscriptions.CONFIRM_MAX_AGE.days}
    )


def _subscriber(find, token):
    """The subscriber a link's token names (``find`` reads it); LinkInvalid for a token too
    long to be one, before any work on it."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise subscriptions.LinkInvalid
    return find(token)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation email: a page with a button (so that mail scanners that
    follow links do not confirm for the reader), which confirms."""
    try:
        subscriber = _subscriber(subscriptions.subscriber_for_confirm_token, token)
    except subscriptions.LinkExpired:
        return render_page(request, "mailing/confirm.html", {"state": "expired"}, status=410)
    except subscriptions.LinkWithdrawn:
        return render_page(request, "mailing/confirm.html", {"state": "withdrawn"}, status=410)
    except subscriptions.LinkInvalid:
        return render_page(request, "mailing/confirm.html", {"state": "invalid"}, status=400)
    if request.method == "POST":
        subscriptions.confirm(subscriber)
        return render_page(
            request, "mailing/confirm.html", {"state": "done", "subscriber": subscriber}
        )
    state = "already" if subscriber.status == subscriber.Status.CONFIRMED else "ask"
    return render_page(request, "mailing/confirm.html", {"state": state, "subscriber": subscriber})


def _subscriber_or_none(token):
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        return subscriptions.subscriber_for_unsubscribe_token(token)
    except subscriptions.LinkInvalid:
        return None


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The link in every update: choose the networks whose actions come first. The link's
    token is the unsubscribe link's; a form posted from another site is not acted on."""
    subscriber = _subscriber_or_none(token)
    if subscriber is None:
        return render_page(request, "mailing/manage.html", {"state": "invalid"}, status=400)
    if subscriber.status != subscriber.Status.CONFIRMED:
        return render_page(
            request, "mailing/manage.html", {"state": "not_subscribed", "subscriber": subscriber}
        )
    context = {"state": "choose", "subscriber": subscriber, "unsubscribe_token": token}
    chosen = {"networks": list(subscriber.networks.all())}
    if request.method != "POST" or request.headers.get("Sec-Fetch-Site") == "cross-site":
        form = NetworksForm(initial=chosen)
        return render_page(request, "mailing/manage.html", {**context, "form": form})
    form = NetworksForm(request.POST, initial=chosen)
    if not form.is_valid():
        return render_page(request, "mailing/manage.html", {**context, "form": form})
    subscriber.networks.set(form.cleaned_data["networks"])
    return render_page(request, "mailing/manage.html", {**context, "form": form, "saved": True})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link in every email. GET asks; POST unsubscribes, from the page's button or from a
    mail program's one-click unsubscribe (RFC 8058: List-Unsubscribe=One-Click)."""
    try:
        subscriber = _subscriber(subscriptions.subscriber_for_unsubscribe_token, token)
    except subscriptions.LinkInvalid:
        return render_page(request, "mailing/unsubscribe.html", {"state": "invalid"}, status=400)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
        return render_page(
            request, "mailing/unsubscribe.html", {"state": "done", "subscriber": subscriber}
        )
    state = "ask" if subscriber.status == subscriber.Status.CONFIRMED else "not_subscribed"
    return render_page(
        request, "mailing/unsubscribe.html", {"state": state, "subscriber": subscriber}
    )
