"""Run the whole suite on two cores: three pytest runs side by side.

``make test`` runs ``python -m tests.parallel``. Each run has its own test database
(``SESLIP_TEST_DB``), so none waits for another's:

- every test that is neither a browser test nor marked ``in_order``, in this terminal as it runs,
  split between three pytest-xdist workers (``TEST_WORKERS``, 3 by default; 1 runs them in one
  process): they are the larger part;
- the browser tests (``-m browser``), Playwright, Chromium and the live sites they drive, split
  between two workers of their own: each worker serves its own live site, a copy of the shared
  demo database (a second to make), and no worker ever runs a test that needs the database
  after a browser test, because Playwright's sync API marks an asyncio loop as running in the
  thread that uses it and Django then refuses database queries from that thread
  (``SynchronousOnlyOperation``);
- the tests marked ``in_order`` (they change the schema, or need a process to themselves), in one
  process where pytest-django orders them.

xdist hands out whole files, the slowest first (``tests/scheduling.py``). The runs share two
databases (``tests/conftest.py``): one migrated, which each process's test database copies, and
one with the demo content, which each live site copies; the first process that needs one builds
it. They and the test databases are dropped when every run is done.

The output of the runs beside the main one is kept in files and printed when all are done, so
each run ends with its own "N passed" line. The exit status is 0 only when every run passes (or
selects nothing). Arguments are passed to every run (``python -m tests.parallel -x``).
"""

import contextlib
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


# The runs beside the main one: (name, pytest marker, xdist workers, database suffix).
BESIDE = [
    ("browser tests", "browser and not in_order", 2, "_b"),
    ("tests in order", "in_order", 1, "_o"),
]


def run_both(args, base, workers, started, finished, shared):
    with contextlib.ExitStack() as stack:
        beside = []
        for name, marker, count, suffix in BESIDE:
            log = stack.enter_context(
                tempfile.NamedTemporaryFile("w+", prefix="seslip-tests-", suffix=".log")
            )
            process = subprocess.Popen(
                pytest_command(marker, args, count),
                cwd=REPO,
                env={**os.environ, **shared, "SESLIP_TEST_DB": base + suffix},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            waiter = threading.Thread(
                target=wait_for, args=(process, name, started, finished), daemon=True
            )
            waiter.start()
            beside.append((name, process, waiter, log))
        print("Browser tests and tests in order run beside the others; their output follows.\n")
        try:
            others = subprocess.run(
                pytest_command("not browser and not in_order", args, workers),
                cwd=REPO,
                env={**os.environ, **shared, "SESLIP_TEST_DB": base},
                check=False,
            ).returncode
            finished["other tests"] = time.monotonic() - started
            for _, _, waiter, _ in beside:
                waiter.join()
        except KeyboardInterrupt:
            for _, process, _, _ in beside:
                process.send_signal(signal.SIGINT)
                process.wait()
            raise
        for name, _, _, log in beside:
            log.seek(0)
            print(f"\n--- {name.capitalize()} ---", flush=True)
            sys.stdout.write(log.read())
    statuses = {"other tests": others, **{name: p.returncode for name, p, _, _ in beside}}
    print(
        "\n"
        + "; ".join(
            f"{name}: {outcome(statuses[name])} after {finished[name]:.0f} s" for name in statuses
        )
        + "."
    )
    return combined(*statuses.values())


def wait_for(process, name, started, finished):
    process.wait()
    finished[name] = time.monotonic() - started


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
                    [
                        base,
                        *(base + suffix for *_, suffix in BESIDE),
                        f"{base}_shared_migrated",
                        f"{base}_shared_demo",
                    ],
                    f"^{base}(_b|_o)?_gw[0-9]+$",
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
