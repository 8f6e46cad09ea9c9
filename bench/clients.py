"""Clients for load tests of the real server: slow ones that hold connections open, and
ordinary visitors whose answers are timed.

A *slow client* opens a connection and sends its request one byte at a time: half of them the
headers (a request that never ends), half a form's body after complete headers (a sign-up whose
body never ends). One thread drives them all; a connection the server closes is opened again, so
the server has ``count`` of them open for as long as the clients run.
"""

import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

SLOW_BODY_PATH = "/newsletters/subscribe/"


def _requests(host):
    headers = (
        f"GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: slow-headers\r\n"
        f"X-Padding: {'a' * 4000}\r\n\r\n"
    ).encode()
    body = b"email=slow%40example.org&name=" + b"b" * 2000
    form = (
        f"POST {SLOW_BODY_PATH} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: slow-body\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return headers, form, body


@dataclass
class _Connection:
    slow_part: bytes  # sent a byte at a time
    fast_part: bytes = b""  # sent at once on connecting
    sock: socket.socket | None = None
    sent: int = 0


class SlowClients:
    """``count`` connections to ``url``'s server sending requests a byte every ``interval``
    seconds, while the ``with`` block runs."""

    def __init__(self, url, count=50, interval=0.2):
        parts = urllib.parse.urlsplit(url)
        self.address = (parts.hostname, parts.port or 80)
        headers, form, body = _requests(parts.netloc)
        self.connections = [
            _Connection(slow_part=headers) if i % 2 == 0 else _Connection(body, fast_part=form)
            for i in range(count)
        ]
        self.interval = interval
        self.bytes_sent = 0
        self.reconnections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def open_connections(self):
        return sum(1 for c in self.connections if c.sock is not None)

    def _connect(self, connection):
        connection.sock = socket.create_connection(self.address, timeout=5)
        connection.sock.sendall(connection.fast_part)
        connection.sent = 0

    def _close(self, connection):
        if connection.sock is not None:
            connection.sock.close()
            connection.sock = None

    def _step(self, connection):
        try:
            if connection.sock is None or connection.sent >= len(connection.slow_part):
                self._close(connection)
                self._connect(connection)
                self.reconnections += 1
            connection.sock.sendall(connection.slow_part[connection.sent : connection.sent + 1])
            connection.sent += 1
            self.bytes_sent += 1
        except OSError:  # closed by the server: open it again on the next round
            self._close(connection)

    def _run(self):
        while not self._stop.is_set():
            for connection in self.connections:
                self._step(connection)
            self._stop.wait(self.interval)

    def __enter__(self):
        for connection in self.connections:
            self._connect(connection)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        for connection in self.connections:
            self._close(connection)


@dataclass
class Visits:
    """Ordinary visitors' GETs: how each ended and how long it took."""

    timings: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    def visit(self, url, timeout):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            self.failures.append(f"{url}: {error!r}")
            return
        if status != 200:
            self.failures.append(f"{url}: {status}")
            return
        self.timings.append(time.monotonic() - started)

    def percentile(self, p):
        if len(self.timings) < 2:
            return max(self.timings, default=0.0)
        return statistics.quantiles(self.timings, n=100, method="inclusive")[p - 1]
