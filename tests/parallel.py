"""Run the whole suite on two cores: the browser tests in one pytest process, beside the others.

``make test`` runs ``python -m tests.parallel``. Two pytest runs go side by side, each with its
own test database (``SESLIP_TEST_DB``), so neither waits for the other's:

- the browser tests (``-m browser``): Playwright, Chromium and the live sites they drive, with the
  tests marked ``in_order`` (they change the schema, so they run where pytest-django orders them);
- every other test (``-m "not browser"``), in this terminal as it runs.

They are kept apart because Playwright's sync API marks an asyncio loop as running in the
thread that uses it, and Django then refuses database queries from that thread
(``SynchronousOnlyOperation``). pytest-xdist could not keep the browser tests on one worker
(``--dist loadgroup`` no longer groups under pytest 9.2), and each worker would build its own
live site.

The runs share two databases (``tests/conftest.py``): one migrated, which each process's test
database copies, and one with the demo content, which each live site copies; the first process
that needs one builds it. They and the test databases are dropped when both runs are done.

The browser run's output is kept in a file and printed when both are done, so each run ends with
its own "N passed" line. The exit status is 0 only when both runs pass (or one selects nothing).
Arguments are passed to both runs (``python -m tests.parallel -x``). The other tests are split
between three pytest-xdist workers (``TEST_WORKERS``, 3 by default; 1 runs them in one process),
so that the two cores stay busy once the browser tests are done: they are the larger half.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from core import database

REPO = Path(__file__).resolve().parent.parent
NO_TESTS = 5  # pytest's exit status when the arguments select no test


def pytest_command(marker, args, workers=1):
    command = [sys.executable, "-m", "pytest", "-m", marker, *args]
    if workers > 1:
        command += ["-n", str(workers), "--dist", "loadfile"]
    return command


def main(args):
    base = os.environ.get("SESLIP_TEST_DB", "test_seslip")
    workers = int(os.environ.get("TEST_WORKERS", "3"))
    started = time.monotonic()
    finished = {}
    with tempfile.TemporaryDirectory(prefix="seslip-test-run-") as run:
        shared = {"SESLIP_TEST_RUN": run, "SESLIP_TEST_SHARED_DB": f"{base}_shared"}
        try:
            return run_both(args, base, workers, started, finished, shared)
        finally:
            drop_databases(base)


def run_both(args, base, workers, started, finished, shared):
    with tempfile.NamedTemporaryFile("w+", prefix="seslip-browser-tests-", suffix=".log") as log:
        browser = subprocess.Popen(
            pytest_command("browser or in_order", args),
            cwd=REPO,
            env={**os.environ, **shared, "SESLIP_TEST_DB": f"{base}_b"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def wait_for_browser():
            browser.wait()
            finished["browser"] = time.monotonic() - started

        waiter = threading.Thread(target=wait_for_browser, daemon=True)
        waiter.start()
        print("Browser tests are running beside the others; their output follows them.\n")
        try:
            others = subprocess.run(
                pytest_command("not browser and not in_order", args, workers),
                cwd=REPO,
                env={**os.environ, **shared, "SESLIP_TEST_DB": base},
                check=False,
            ).returncode
            finished["others"] = time.monotonic() - started
            waiter.join()
        except KeyboardInterrupt:
            browser.send_signal(signal.SIGINT)
            browser.wait()
            raise
        log.seek(0)
        print("\n--- Browser tests ---", flush=True)
        sys.stdout.write(log.read())
    print(
        f"\nOther tests: {outcome(others)} after {finished['others']:.0f} s; "
        f"browser tests: {outcome(browser.returncode)} after {finished['browser']:.0f} s."
    )
    return combined(others, browser.returncode)


def drop_databases(base):
    """Drop the run's shared databases and the test databases its processes kept."""
    with psycopg.connect(
        host=database.start()["HOST"], user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname = ANY(%s) OR datname ~ %s",
                [
                    [base, f"{base}_b", f"{base}_shared_migrated", f"{base}_shared_demo"],
                    f"^{base}(_b)?_gw[0-9]+$",
                ],
            )
        ]
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def outcome(status):
    return {0: "passed", NO_TESTS: "none selected"}.get(status, f"exit status {status}")


def combined(*statuses):
    """0 when every run passed or selected nothing (and one ran something), else a failure's."""
    failures = [status for status in statuses if status not in (0, NO_TESTS)]
    if failures:
        return failures[0]
    return NO_TESTS if all(status == NO_TESTS for status in statuses) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
