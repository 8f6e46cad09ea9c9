"""`make bench-serve`: the site as `make serve` runs it, loaded with wrk from a second process.

For the page cache on and then off, it starts `make serve` on a free port (on the database in
``DATABASE_URL``: the scale data `make bench-serve` builds), loads each page and a static file
with ``wrk --latency`` in turn, and prints requests per second, p50 and p99, and each page's
ratio to the static file, in several rounds: each page is judged by its median ratio. Then,
still on that server, 50 slow clients (bodies and headers sent a byte at a time) hold
connections open while ordinary visitors' GETs are timed: their p99.

``WEB_SERVER="…"`` measures another server command through the same `make serve` (the Makefile
says how it is spelt), e.g. the old gunicorn with two sync workers.
"""

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from statistics import median

from bench.clients import SlowClients, Visits

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    ("Home page", "/"),
    ("Update no 298", "/newsletters/update-no-298-20-april-2018/"),
    ("Archive", "/newsletters/"),
    ("A network", "/about-networks/ad-safeguarding-network/"),
    ("Events", "/events/"),
    ("Calendar", "/events/calendar/"),
    ("Contacts", "/contacts/"),
]
STYLESHEET = re.compile(r'<link[^>]+href="(/static/[^"]+\.css)"')
GOALS = {"on": 0.8, "off": 1 / 20}
STATIC = "Static file (CSS)"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
        return response.status, response.read().decode()


def wait_until_serving(url, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"`make serve` stopped ({process.returncode})")
        try:
            get(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"The server did not answer within {timeout} s")


class Server:
    """`make serve` on a free port, in a process group of its own, stopped on leaving."""

    def __init__(self, page_cache, web_server=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = ["make", "-s", "serve", f"PORT={self.port}"]
        if web_server:
            args.append(f"WEB_SERVER={web_server}")
        env = {**os.environ, "SESLIP_PAGE_CACHE": page_cache}
        self.log = open(REPO / f"var/bench-serve-{page_cache}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            args,
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def __enter__(self):
        wait_until_serving(self.url + "/", self.process)
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def _seconds(value, unit):
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk_command(url, duration, connections, threads=2, timeout="10s", script=None):
    """``wrk --latency`` against ``url`` (or the pages of ``script``)."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    return [*args, "--timeout", timeout, *(["-s", str(script)] if script else []), url]


def wrk_figures(output):
    """req/s, p50 and p99 (seconds), requests and errors from wrk's output."""
    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M):
        latency[percent] = _seconds(value, unit)
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    non_2xx = int(non_2xx.group(1)) if non_2xx else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.get("50", 0.0),
        "p99": latency.get("99", 0.0),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "socket_errors": socket_errors,
        "non_2xx": non_2xx,
        "errors": socket_errors + non_2xx,
    }


def wrk(url, duration, connections):
    command = wrk_command(url, duration, connections)
    return wrk_figures(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def mixed_script(folder):
    """A wrk script that asks for each of PAGES in turn; its path."""
    paths = ", ".join(f'"{path}"' for _, path in PAGES)
    script = Path(folder) / "mixed.lua"
    script.write_text(
        f"local paths = {{{paths}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1])\n'
        "end\n"
    )
    return script


def row(label, result, static_rps):
    ratio = result["rps"] / static_rps if static_rps else 0.0
    return (
        f"  {label:<24} {result['rps']:>9,.1f} {result['p50'] * 1000:>9.1f} "
        f"{result['p99'] * 1000:>9.1f} {ratio:>8.2f}  {result['errors']:>6}"
    )


def slow_client_p99(url, seconds, slow_count):
    """p99 of ordinary visitors' GETs (four at a time, over the pages) while ``slow_count``
    slow clients hold connections open."""
    visits = Visits()
    deadline = time.monotonic() + seconds

    def visitor(offset):
        i = offset
        while time.monotonic() < deadline:
            visits.visit(url + PAGES[i % len(PAGES)][1], timeout=10)
            i += 1

    with SlowClients(url, count=slow_count) as slow:
        time.sleep(2)  # every slow client connected and started
        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        open_connections = slow.open_connections()
    return visits, open_connections


def run(page_cache, args):
    print(f"\nPage cache {page_cache} ({args.web_server or 'make serve'}):", flush=True)
    with Server(page_cache, args.web_server) as server:
        _, home = get(server.url + "/")
        static = STYLESHEET.search(home).group(1)
        for _, path in PAGES:  # warm: compiled templates, and the cache when it is on
            for _ in range(3):
                get(server.url + path)
        header = f"  {'':<24} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'× static':>8}  errors"
        duration, connections = args.duration, args.connections
        # Each round measures the static file and then every page: a page's ratio is taken
        # against the static file of its own round, and the verdict on each page's median
        # ratio, so that one noisy sample (the machine's speed moves within minutes) decides
        # nothing on its own.
        ratios = {label: [] for label, _ in PAGES}
        rates = {label: [] for label in [STATIC, *ratios]}
        for number in range(1, args.rounds + 1):
            print(f" Round {number} of {args.rounds}", flush=True)
            print(header, flush=True)
            static_result = wrk(server.url + static, duration, connections)
            rates[STATIC].append(static_result["rps"])
            print(row(STATIC, static_result, static_result["rps"]), flush=True)
            for label, path in PAGES:
                result = wrk(server.url + path, duration, connections)
                print(row(label, result, static_result["rps"]), flush=True)
                ratios[label].append(result["rps"] / static_result["rps"])
                rates[label].append(result["rps"])
        medians = {label: median(values) for label, values in ratios.items()}
        print(f" Medians of {args.rounds} rounds", flush=True)
        print(f"  {'':<24} {'req/s':>9} {'× static':>8}", flush=True)
        print(f"  {STATIC:<24} {median(rates[STATIC]):>9,.1f}", flush=True)
        for label, ratio in medians.items():
            print(f"  {label:<24} {median(rates[label]):>9,.1f} {ratio:>8.2f}", flush=True)
        slowest, worst = min(medians.items(), key=lambda item: item[1])
        goal = GOALS[page_cache]
        verdict = "met" if worst >= goal else "NOT met"
        print(
            f"  Slowest page: {slowest}, {worst:.3f}× the static file "
            f"(median of {args.rounds} rounds; goal ≥ {goal:.3f}×: {verdict})",
            flush=True,
        )
        visits, open_connections = slow_client_p99(server.url, args.slow_seconds, args.slow)
        print(
            f"  With {args.slow} slow clients ({open_connections} connections open at the end): "
            f"{len(visits.timings)} visitors' GETs answered, {len(visits.failures)} failed, "
            f"p50 {visits.percentile(50) * 1000:.0f} ms, p99 {visits.percentile(99) * 1000:.0f} ms",
            flush=True,
        )
        for failure in visits.failures[:5]:
            print("   ", failure)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every page")
    parser.add_argument("--slow", type=int, default=50, help="slow clients")
    parser.add_argument("--slow-seconds", type=int, default=15, help="how long they stay")
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    parser.add_argument(
        "--web-server", default=os.environ.get("WEB_SERVER"), help="in place of make serve's"
    )
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds takes a whole number from 1")
    (REPO / "var").mkdir(exist_ok=True)
    for page_cache in ("on", "off") if args.cache == "both" else (args.cache,):
        run(page_cache, args)


if __name__ == "__main__":
    main()
