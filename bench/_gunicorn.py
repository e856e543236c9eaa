"""Bench harness: a gunicorn server on a free loopback port, wrk runs parsed, hardware and data facts.

``server(database_url=...)`` starts ``gunicorn ocop.wsgi`` with 2 ``gthread`` workers × 4 threads (the GIL
lets one thread of a worker run Python at a time, so 2 workers use the 2 cores; the threads keep wrk's
connections alive and overlap database waits), DEBUG off, a bench SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
and the settings ``bench.bench_settings`` (``bench.bench_urls``: the site plus ``/bench/trivial/``); it
waits until the server answers and stops it at exit. ``wrk(url, ...)`` runs Debian's wrk and returns
requests/s, p50, p99 and errors. ``setup_django()`` prepares the same settings in the bench process itself.
"""

from __future__ import annotations

import atexit
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
WORKERS = 2
THREADS = 4
WRK_LUA = """
-- Rotate through the paths listed in the file given after "--", each thread from its own offset.
local paths, index = {}, 0
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  index = math.random(#paths)
end
function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
"""


def bench_env(database_url: str | None) -> dict[str, str]:
    """The environment of the bench server and of the bench process: production settings, loopback host."""
    env = dict(os.environ)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        DJANGO_SETTINGS_MODULE="bench.bench_settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on the loopback; a proxy does TLS in production
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.pop("OCOP_TESTING", None)
    return env


def setup_django(database_url: str | None) -> None:
    """Configure and start Django in this process with the bench settings (DEBUG off)."""
    os.environ.update(bench_env(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # our own gunicorn master and its workers only
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def server(*, database_url: str | None, workers: int = WORKERS, threads: int = THREADS) -> Iterator[str]:
    """Run the bench server; yield its base URL (``http://127.0.0.1:PORT``)."""
    env = bench_env(database_url)
    port = _free_port()
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (open for the server's whole life, closed by the OS)
        prefix="ocop-bench-gunicorn-", suffix=".log", delete=False
    )
    command = [
        str(VENV_BIN / "gunicorn"),
        "ocop.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        "--backlog=512",
        "--log-level=warning",
        f"--error-logfile={log.name}",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=log)
    atexit.register(_stop, process)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base + "/bench/trivial/", process, log.name)
        yield base
    finally:
        _stop(process)


def _wait_ready(url: str, process: subprocess.Popen, log_path: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = Path(log_path).read_text()
            raise SystemExit(f"gunicorn stopped (code {process.returncode}); its log:\n{log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f} s; log: {log_path}")


def check_status(base: str, paths: Sequence[str], expected: int = 200) -> None:
    """Fail loudly when a path does not answer ``expected`` directly (no redirect), before any load test."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    for path in paths:
        try:
            status = opener.open(base + path, timeout=30).status
        except urllib.error.HTTPError as exc:
            status = exc.code
        if status != expected:
            raise SystemExit(f"{path} answered {status}, not {expected}: fix this before measuring.")


# ----------------------------------------------------------------------------------------------------
# wrk


@dataclass
class WrkResult:
    label: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int
    socket_errors: int

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def ensure_wrk() -> str:
    """The path of wrk; installs Debian's package when running as root, else says how."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        print("wrk is missing: apt-get install -y wrk …", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is required: sudo apt-get install -y wrk")
    return found


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str, label: str) -> WrkResult:
    """requests/s, p50, p99, requests, non-2xx/3xx responses and socket errors from ``wrk --latency``."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        label=label,
        rps=rps,
        p50_ms=p50,
        p99_ms=p99,
        requests=requests,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


def wrk(
    base: str,
    paths: Sequence[str],
    *,
    label: str,
    threads: int = 2,
    connections: int = 16,
    duration: int = 10,
) -> WrkResult:
    """Load ``base`` with wrk for ``duration`` seconds, rotating through ``paths``."""
    with tempfile.TemporaryDirectory(prefix="ocop-wrk-") as folder:
        script, listing = Path(folder) / "rotate.lua", Path(folder) / "paths.txt"
        script.write_text(WRK_LUA)
        listing.write_text("\n".join(paths) + "\n")
        command = [
            ensure_wrk(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout=10s",
            f"--script={script}",
            base + paths[0],
            "--",
            str(listing),
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output, label)


def wrk_table(results: Sequence[WrkResult]) -> str:
    rows = [f"{'endpoint':<34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}"]
    for r in results:
        rows.append(
            f"{r.label:<34} {r.rps:>9.1f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.requests:>9} {r.errors:>7}"
        )
    return "\n".join(rows)


# ----------------------------------------------------------------------------------------------------
# Hardware and data


def hardware() -> str:
    """nproc, CPU model, RAM, Python and the database server's version (Django must be set up)."""
    from django.db import connection

    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = "PostgreSQL " + cursor.fetchone()[0]
        else:
            database = f"{connection.vendor} {connection.Database.sqlite_version}"
    load = os.getloadavg()
    return (
        f"nproc {os.cpu_count()} · {model} · RAM {kib / 1024 / 1024:.1f} GiB · load {load[0]:.2f} · "
        f"Python {platform.python_version()} · {database} ({connection.settings_dict['NAME']})"
    )


def row_counts() -> str:
    from ocop.certification.models import Certificate, Decision
    from ocop.registry.models import Producer, Product

    counts = {
        "producers": Producer.objects.count(),
        "products": Product.objects.count(),
        "decisions": Decision.objects.count(),
        "certificates": Certificate.objects.count(),
    }
    return " · ".join(f"{name} {count:,}" for name, count in counts.items())
