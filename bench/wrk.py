"""What the bench's scenarios share: a served app (uvicorn on a free port) and wrk runs."""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


@dataclass
class Figures:
    scenario: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is not installed: installing it from Debian's packages", file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=False)
        if subprocess.run([*sudo, "true"], check=False).returncode == 0 and not shutil.which("wrk"):
            subprocess.run([*sudo, "apt-get", "update", "-q"], check=True)
            subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True)
        wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk could not be installed")
    return wrk


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


WARM_UP_SECONDS = 2


def load(
    url: str,
    *,
    token: str | None,
    scenario: str,
    seconds: int,
    runs: int,
    warm_up_seconds: int = WARM_UP_SECONDS,
) -> list[Figures]:
    """`runs` wrk runs of `seconds` each, after a warm-up whose figures are not kept;
    anonymous when `token` is None."""
    auth = ["-H", f"Authorization: Bearer {token}"] if token else []
    command = [_wrk(), "-t2", "-c16", f"-d{seconds}s", "--latency", *auth, url]
    # A worker that has served a while is measured, not one starting up: the warm-up opens
    # the pools' connections and fills the statement caches.
    warm_up = [*command[:3], f"-d{warm_up_seconds}s", *command[4:]]
    subprocess.run(warm_up, check=True, capture_output=True)
    return [_wrk_run(command, scenario) for _ in range(runs)]


def _wrk_run(command: list[str], scenario: str) -> Figures:
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, flags=re.M))

    def percentile(key: str) -> float:
        value, unit = re.fullmatch(r"([\d.]+)(\w+)", latency[key]).groups()  # type: ignore[union-attr]
        return _ms(value, unit)

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Figures(
        scenario, rps, percentile("50"), percentile("99"), int(errors.group(1)) if errors else 0
    )


def median_run(runs: list[Figures]) -> Figures:
    """Each figure's median over the runs (the machine's speed drifts from run to run)."""
    return Figures(
        runs[0].scenario,
        statistics.median(f.requests_per_second for f in runs),
        statistics.median(f.p50_ms for f in runs),
        statistics.median(f.p99_ms for f in runs),
        sum(f.errors for f in runs),
    )


@contextmanager
def serving(database_url: str, *, workers: int = 1) -> Iterator[str]:
    """The app served by uvicorn on `database_url`; yields the API's base URL once it answers."""
    port = _free_port()
    env = os.environ | {"DATABASE_URL": database_url, "ENVIRONMENT": "development"}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.main:app", "--port", str(port),
         "--workers", str(workers), "--log-level", "warning", "--no-access-log"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        # Workers import the app in parallel: on a loaded machine, a minute or more.
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{base}/health", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"the server ({workers} workers) did not start") from None
                time.sleep(0.1)
        if workers > 1:
            _settled(server.pid, workers)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _settled(pid: int, workers: int) -> None:
    """Wait until the supervisor has its workers and they are idle: /health answered by the
    first one says nothing of the others, and one still importing the app would take a core
    from the measure."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        before = sum(_cpu_ticks(int(child)) for child in children)
        time.sleep(0.5)
        after = sum(_cpu_ticks(int(child)) for child in children)
        # Idle: under a tenth of a core over the half second (ticks are hundredths).
        if len(children) >= workers and after - before < 5:
            return
    raise SystemExit(f"the {workers} workers did not settle")


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime
