"""The embedded PostgreSQL server: started once, reused after a killed process, stopped cleanly.

Each test runs ``python -m core.database`` in subprocesses against its own data directory, as
``make run`` and ``make stop`` do.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def database(command, pgdata, *args):
    env = {**os.environ, "SESLIP_PGDATA": str(pgdata)}
    return subprocess.run(
        [sys.executable, "-m", "core.database", command, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def postmaster_pid(pgdata):
    return int((pgdata / "postmaster.pid").read_text().splitlines()[0])


@pytest.fixture
def pgdata(tmp_path):
    # The server runs as its own system user when we are root: let it into the folder.
    tmp_path.chmod(0o755)
    path = tmp_path / "pgdata"
    yield path
    if (path / "postmaster.pid").exists():
        database("stop", path)


def test_a_second_start_reuses_the_running_server(pgdata):
    database("start", pgdata)
    first = postmaster_pid(pgdata)
    database("start", pgdata)
    assert postmaster_pid(pgdata) == first
    assert "running" in database("status", pgdata)


def test_a_server_left_by_a_killed_process_is_reused_not_doubled(pgdata):
    env = {**os.environ, "SESLIP_PGDATA": str(pgdata)}
    # A process that starts the server and is then killed outright, as a crashed `make run` is.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from core import database; database.start(); "
            "print('ready', flush=True); time.sleep(600)",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "ready"
    pid = postmaster_pid(pgdata)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    database("start", pgdata)
    assert postmaster_pid(pgdata) == pid


def test_a_stale_pid_file_after_a_crash_is_replaced_by_a_new_server(pgdata):
    database("start", pgdata)
    old = postmaster_pid(pgdata)
    os.kill(old, signal.SIGKILL)  # the server itself dies, leaving postmaster.pid behind
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(old, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    assert (pgdata / "postmaster.pid").exists()
    database("start", pgdata)
    assert postmaster_pid(pgdata) != old
    assert "running" in database("status", pgdata)


def test_stop_stops_it_and_says_so_when_nothing_runs(pgdata):
    database("start", pgdata)
    assert "stopped" in database("stop", pgdata)
    assert "not running" in database("status", pgdata)
    assert "was not running" in database("stop", pgdata)
