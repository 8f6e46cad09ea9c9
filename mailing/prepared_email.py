"""An update's email built once as bytes, with placeholders for what differs per reader; each
subscriber's copy is made from it by a few byte replacements, and sent as it is."""

from email.utils import formatdate

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.urls import reverse

from core.utils import site_url

from . import email_render, subscriptions

PLACEHOLDER_TO = "recipient@placeholder.invalid"
PLACEHOLDER_MESSAGE_ID = "<message-id@placeholder.invalid>"
PLACEHOLDER_DATE = "Thu, 01 Jan 1970 00:00:00 -0000"


class _RawMessage:
    """What EmailMessage.message() returns to the mail backends: the finished bytes."""

    def __init__(self, data):
        self.data = data

    def as_bytes(self, *args, **kwargs):
        return self.data

    def as_string(self, *args, **kwargs):
        return self.data.decode("utf-8", "surrogateescape")

    def get_charset(self):
        return None


class RawEmail(EmailMessage):
    """An email whose bytes are already made; any Django mail backend sends it as it is."""

    def __init__(self, data, from_email, to):
        super().__init__(from_email=from_email, to=[to])
        self.data = data

    def message(self, *args, **kwargs):
        return _RawMessage(self.data)


class PreparedEmail:
    """A mailing's email as bytes, with placeholders for what differs per reader: the To
    header, the links to unsubscribe (in the headers, the HTML and the text) and to manage the
    subscription, the Message-ID and the Date. Making one reader's copy is a few byte
    replacements and one HMAC (both links carry the same signed token)."""

    def __init__(self, subject, html, text, from_email, update_id):
        self.from_email = from_email
        self.update_id = update_id
        self.domain = sanitize_address(from_email, "utf-8").rpartition("@")[2].rstrip(">")
        self.envelope_from = getattr(settings, "NEWSLETTER_BOUNCE_ADDRESS", "") or from_email
        placeholder = email_render.UNSUBSCRIBE_PLACEHOLDER
        manage = email_render.MANAGE_PLACEHOLDER
        message = EmailMultiAlternatives(
            subject,
            text,
            from_email,
            [PLACEHOLDER_TO],
            headers={
                "Message-ID": PLACEHOLDER_MESSAGE_ID,
                "Date": PLACEHOLDER_DATE,
                "List-Unsubscribe": f"<{placeholder}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"SESLIP weekly update <weekly-update.{self.domain}>",
            },
        )
        message.attach_alternative(html, "text/html")
        self.template = message.message().as_bytes(linesep="\r\n")
        expected = 1 + text.count(placeholder) + html.count(placeholder)
        found = self.template.count(placeholder.encode())
        manage_found = self.template.count(manage.encode())
        if (
            found != expected
            or manage_found != text.count(manage) + html.count(manage)
            or self.template.count(PLACEHOLDER_TO.encode()) != 1
        ):
            raise RuntimeError("The email's body was encoded in a way that hides its links.")
        self.signer = subscriptions.unsubscribe_signer()
        self.unsubscribe_prefix, _, self.unsubscribe_suffix = site_url(
            reverse("mailing:unsubscribe", args=["TOKEN"])
        ).rpartition("TOKEN")
        self.manage_prefix, _, self.manage_suffix = site_url(
            reverse("mailing:manage", args=["TOKEN"])
        ).rpartition("TOKEN")

    @classmethod
    def for_mailing(cls, mailing, copy=None):
        version = copy or mailing
        return cls(
            mailing.subject, version.html, version.text, mailing.from_email, mailing.update_id
        )

    def unsubscribe_url(self, key):
        return f"{self.unsubscribe_prefix}{self.signer.sign(key.hex)}{self.unsubscribe_suffix}"

    def for_subscriber(self, subscriber, signed=None):
        """This subscriber's copy (ValueError for an address that cannot be written)."""
        to = sanitize_address((subscriber.name, subscriber.email), "utf-8")
        token = signed or self.signer.sign(subscriber.key.hex)
        unsubscribe = f"{self.unsubscribe_prefix}{token}{self.unsubscribe_suffix}"
        manage = f"{self.manage_prefix}{token}{self.manage_suffix}"
        message_id = f"<update-{self.update_id}.{subscriber.key.hex}@{self.domain}>"
        data = (
            self.template.replace(PLACEHOLDER_TO.encode(), to.encode())
            .replace(email_render.UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe.encode())
            .replace(email_render.MANAGE_PLACEHOLDER.encode(), manage.encode())
            .replace(PLACEHOLDER_MESSAGE_ID.encode(), message_id.encode())
            .replace(PLACEHOLDER_DATE.encode(), _now_header().encode())
        )
        return RawEmail(data, self.envelope_from, subscriber.email)


def _now_header():
    return formatdate(localtime=True)
