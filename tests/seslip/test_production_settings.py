"""Production settings refuse to start without their secrets and their database, saying which
is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SECRETS = {
    "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "seslip.example.org",
    # Any database: setting Django up does not connect to it.
    "DATABASE_URL": "postgresql://seslip@127.0.0.1:5432/seslip",
    "WAGTAILADMIN_BASE_URL": "https://seslip.example.org",
}
NO_BASE_URL = (
    "Set WAGTAILADMIN_BASE_URL to the site's public address (https://www.seslip.example): links "
    "in emails are built on it."
)


def start(*command, **environment):
    """Set Django up with the production settings in a fresh process (and run ``command``, a
    manage.py command, if given)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {*SECRETS, "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="seslip.settings.production", **environment)
    return subprocess.run(
        [sys.executable, "manage.py", *command]
        if command
        else [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_starts_with_its_secrets():
    result = start(**SECRETS)

    assert result.returncode == 0, result.stderr


def test_the_deployment_checks_find_nothing():
    """``manage.py check --deploy`` under the production settings: no warning at all."""
    result = start("check", "--deploy", "--fail-level", "WARNING", **SECRETS)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("missing", "value", "message"),
    [
        ("SECRET_KEY", None, "Set the SECRET_KEY environment variable."),
        ("SECRET_KEY", "", "Set the SECRET_KEY environment variable."),
        ("ALLOWED_HOSTS", None, "Set ALLOWED_HOSTS (comma-separated) in the environment."),
        ("ALLOWED_HOSTS", " , ", "Set ALLOWED_HOSTS (comma-separated) in the environment."),
        # Never the embedded PostgreSQL of a checkout on a server.
        ("DATABASE_URL", None, "Set DATABASE_URL (postgresql://user:password@host:5432/name)."),
        ("DATABASE_URL", "", "Set DATABASE_URL (postgresql://user:password@host:5432/name)."),
        # Links in emails would otherwise point at the development address.
        ("WAGTAILADMIN_BASE_URL", None, NO_BASE_URL),
        ("WAGTAILADMIN_BASE_URL", " ", NO_BASE_URL),
    ],
    ids=[
        "no SECRET_KEY",
        "empty SECRET_KEY",
        "no ALLOWED_HOSTS",
        "blank ALLOWED_HOSTS",
        "no DATABASE_URL",
        "empty DATABASE_URL",
        "no WAGTAILADMIN_BASE_URL",
        "blank WAGTAILADMIN_BASE_URL",
    ],
)
def test_production_refuses_to_start_without_a_secret(missing, value, message):
    environment = {key: val for key, val in SECRETS.items() if key != missing}
    if value is not None:
        environment[missing] = value

    result = start(**environment)

    assert result.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {message}" in result.stderr
