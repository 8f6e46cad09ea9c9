"""A real SMTP server on loopback (aiosmtpd) for tests that send email.

Use the ``smtp_server`` fixture (import it into a conftest: ``from tests.smtp import smtp_server``).
It points Django's SMTP backend at the server and collects every message it receives as an
``email.message.EmailMessage`` in ``smtp_server.messages``, with the envelope recipients in
``smtp_server.envelopes``.
"""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Envelope:
    sender: str
    recipients: list
    message: email.message.EmailMessage


@dataclass
class CollectingHandler:
    envelopes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Addresses the server refuses with a permanent error (550), to test failures.
    refuse: set = field(default_factory=set)
    # Addresses the server asks to try again later (451, as greylisting does).
    defer: set = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox"
        if address.lower() in self.defer:
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.envelopes.append(Envelope(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self):
        self.handler = CollectingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def envelopes(self):
        return list(self.handler.envelopes)

    @property
    def messages(self):
        return [e.message for e in self.handler.envelopes]

    def clear(self):
        self.handler.envelopes.clear()


@pytest.fixture
def smtp_server(settings):
    server = SMTPServer()
    server.controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield server
    finally:
        server.controller.stop()
