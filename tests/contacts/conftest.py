"""Fixtures of the contacts tests: ``smtp_server`` (tests/smtp.py), a real SMTP server."""

from tests.smtp import smtp_server  # noqa: F401 (a fixture)
