"""Background tasks of the account pages, on the "email" backend (`manage.py run_worker`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django_tasks import task

from .account_forms import ResetPasswordForm


@task(backend="email")
def send_password_reset(email: str) -> int:
    """Email a link to set a password to each active account with this address; nothing when
    there is none. Links point at WAGTAILADMIN_BASE_URL. Returns how many were sent."""
    form = ResetPasswordForm({"email": email})
    if not form.is_valid():
        return 0
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    users = list(form.get_users(email))
    form.save(
        domain_override=base.netloc,
        use_https=base.scheme == "https",
        subject_template_name="account/emails/reset_password_subject.txt",
        email_template_name="account/emails/reset_password.txt",
    )
    return len(users)
