"""Accounts for people who open restricted reports (/account/): log in, log out (and be told
so), set or reset a password, and ask for access. Styled like the rest of the site, not like
the Wagtail admin.

Accounts are made when the programme manager approves a request for access (networks.access_
requests): the username is the person's email address.

A password reset is rate-limited per address and per IP address (core.ratelimit), and its email
is sent by the background worker (seslip.tasks): every valid request gets the same answer at the
same speed, whether the address has an account or not.
"""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import path, reverse_lazy
from django.views.generic import TemplateView

from core import ratelimit
from core.clients import client_ip
from networks import views as access_views

from . import tasks
from .account_forms import ChoosePasswordForm, LoginForm, ResetPasswordForm

RESET_SCOPE = "password_reset"

# Pages whose own form asks for an email address leave out the footer's sign-up form, which
# would ask again (two fields of one name).
OWN_FORM = {"hide_footer_signup": True}


class ResetPasswordView(auth_views.PasswordResetView):
    """Ask for a link to set a password. The email is queued for the worker, never sent here."""

    template_name = "account/reset_password.html"
    form_class = ResetPasswordForm
    extra_context = OWN_FORM
    success_url = reverse_lazy("password_reset_sent")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        outcome = ratelimit.record(RESET_SCOPE, ip=client_ip(self.request), address=email)
        if outcome is ratelimit.Outcome.IP_LIMITED:
            form.add_error(
                None,
                "There have been too many requests from your network recently. "
                f"Try again in {ratelimit.window_minutes(RESET_SCOPE)} minutes.",
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if outcome is ratelimit.Outcome.ALLOWED:
            tasks.send_password_reset.enqueue(email)
        return HttpResponseRedirect(self.get_success_url())


urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="account/login.html",
            authentication_form=LoginForm,
            extra_context=OWN_FORM,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="logged_out"), name="logout"),
    path(
        "logged-out/",
        TemplateView.as_view(
            template_name="account/done.html",
            extra_context={
                "heading": "You have logged out",
                "message": "To open restricted reports and data again, log in with your email "
                "address and password.",
            },
        ),
        name="logged_out",
    ),
    path(
        "set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="account/set_password.html",
            form_class=ChoosePasswordForm,
            success_url=reverse_lazy("password_set_done"),
        ),
        name="password_set",
    ),
    path(
        "set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="account/done.html",
            extra_context={
                "heading": "Your password is set",
                "message": "You can now log in with your email address and your new password.",
            },
        ),
        name="password_set_done",
    ),
    path(
        "reset-password/",
        ResetPasswordView.as_view(),
        name="password_reset",
    ),
    path(
        "reset-password/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="account/reset_password_sent.html"),
        name="password_reset_sent",
    ),
    path("request-access/", access_views.request_access, name="request_access"),
    path("request-access/sent/", access_views.request_access_sent, name="request_access_sent"),
]
