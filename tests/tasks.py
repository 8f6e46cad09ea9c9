"""Running the background worker's tasks in tests.

``run_email_tasks`` runs the queued tasks of the "email" backend in the test's own process and
transaction, each as django-tasks-db's worker runs it. ``worker_env`` and ``run_worker`` run the
real worker (`manage.py run_worker --batch`) as another process, against the test database; a
test that uses them needs ``django_db(transaction=True)`` so that the worker sees its data.
"""

import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

REPO = Path(__file__).resolve().parent.parent


def queued_email_tasks():
    return DBTaskResult.objects.ready().filter(backend_name="email")


def run_email_tasks():
    """Run every queued "email" task here; how many ran."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="email",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := queued_email_tasks().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def worker_env(smtp_port, **extra):
    """The environment of a worker process on the test database, sending to ``smtp_port``."""
    settings = connection.settings_dict
    query = urllib.parse.urlencode({"host": settings["HOST"], "port": settings["PORT"] or 5432})
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "seslip.settings.test",
        "DATABASE_URL": f"postgresql://{settings['USER']}@/{settings['NAME']}?{query}",
        "SESLIP_TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def run_manage(*args, env, timeout=120):
    """Run a manage.py command in its own process; its output (the test fails if it fails)."""
    result = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        pytest.fail(f"manage.py {args[0]} failed:\n{output}")
    return result.stdout
