"""Start and stop the servers under test, and sample their memory and CPU while they run.

Every server is started in its own session (process group) so that stopping it also stops the
workers it forked (uvicorn --workers, SANIC_WORKERS); an ExitStack in the CLI stops them on
errors and Ctrl-C. Memory is the resident set size of the whole process tree: a Rasa replica
with two Sanic workers is one replica of two processes, and its figure is their sum.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
UVICORN = ROOT / ".venv-actions" / "bin" / "uvicorn"
HOUSING_GUIDE = ROOT / ".venv-actions" / "bin" / "housing-guide"
MODEL = ROOT / "models" / "housing-guide.tar.gz"

# Quiet, offline, no progress bars: what every server and training run gets.
BASE_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TQDM_DISABLE": "1",
    "PYTHONUNBUFFERED": "1",
}


def free_port() -> int:
    """A port that is free now on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """One started server: its name in the report, its process and where it logs."""

    name: str
    role: str  # "rasa", "actions" or "reference"
    process: subprocess.Popen[bytes]
    log: Path
    url: str
    started: float = field(default_factory=time.monotonic)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def start(
    name: str,
    role: str,
    command: list[str],
    cwd: Path,
    env: Mapping[str, str],
    log: Path,
    url: str,
) -> Server:
    """Start `command` in a new session with its output in `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **BASE_ENV, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return Server(name, role, process, log, url)


def stop(server: Server, grace: float = 20.0) -> None:
    """SIGTERM the server's process group, SIGKILL it if it has not gone after `grace` s."""
    if server.process.poll() is None:
        _signal_group(server.process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            server.process.wait(timeout=grace)
    # Forked workers may outlive their parent; the group still has the same id.
    _signal_group(server.process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        server.process.wait(timeout=5)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def wait_until_up(server: Server, health_url: str, seconds: float) -> float:
    """Poll `health_url` until it answers 200; return the seconds since the server started."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited (code {server.process.returncode}) while starting; "
                f"log {server.log}:\n{server.log_tail()}"
            )
        try:
            if httpx.get(health_url, timeout=3).status_code == 200:
                return time.monotonic() - server.started
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(
        f"{server.name} did not come up in {seconds:.0f} s; log {server.log}:\n{server.log_tail()}"
    )


def wait_for_log(server: Server, text: str, seconds: float) -> None:
    """Wait until the server's log contains `text` (a stage of its start-up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited (code {server.process.returncode}) while starting; "
                f"log {server.log}:\n{server.log_tail()}"
            )
        if text in server.log.read_text(errors="replace"):
            return
        time.sleep(0.5)
    raise RuntimeError(f"{server.name} did not log {text!r} in {seconds:.0f} s: {server.log}")


@contextmanager
def running(server: Server) -> Iterator[Server]:
    """Stop `server` when the block ends, whatever ends it."""
    try:
        yield server
    finally:
        stop(server)


def run_checked(
    command: list[str], cwd: Path, env: Mapping[str, str], log: Path, timeout: float
) -> None:
    """Run a one-off command (migrations, `rasa init`), output in `log`; raise on failure."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        completed = subprocess.run(
            command,
            cwd=cwd,
            env={**os.environ, **BASE_ENV, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    if completed.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}):\n{tail}")


def _tree(pid: int, children: bool = True) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)] if children else [root]
    except psutil.NoSuchProcess:
        return []


@dataclass
class Usage:
    """What the sampler saw of one server: peak and latest RSS, process count, CPU seconds."""

    peak_rss: int = 0
    last_rss: int = 0
    processes: int = 0
    cpu_seconds: float = 0.0
    marks: dict[str, float] = field(default_factory=dict)


class Sampler:
    """Samples RSS (summed over each watched process tree) and CPU time in a thread.

    A thread, not a task in the load generator's event loop, so that sampling never delays a
    request being timed. Servers are watched from the moment they start, so the peak includes
    model loading.
    """

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.usage: dict[str, Usage] = {}
        self._pids: dict[str, tuple[int, bool]] = {}
        self._cpu_by_pid: dict[str, dict[int, float]] = {}
        self.machine_busy: dict[str, float] = {}  # CPU seconds of all processes, at each mark
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def watch(self, name: str, pid: int, children: bool = True) -> None:
        """Sample `pid` and, with `children`, every process it started (its workers)."""
        with self._lock:
            self._pids[name] = (pid, children)
            self.usage[name] = Usage()
            self._cpu_by_pid[name] = {}

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        with self._lock:
            for name, (pid, children) in self._pids.items():
                usage = self.usage[name]
                cpu_by_pid = self._cpu_by_pid[name]
                rss, count = 0, 0
                for process in _tree(pid, children):
                    try:
                        rss += process.memory_info().rss
                        times = process.cpu_times()
                        cpu_by_pid[process.pid] = times.user + times.system
                        count += 1
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        continue
                if count:
                    usage.last_rss, usage.processes = rss, count
                    usage.peak_rss = max(usage.peak_rss, rss)
                # A worker that exited keeps the CPU seconds it was last seen with.
                usage.cpu_seconds = sum(cpu_by_pid.values())

    def mark(self, label: str) -> None:
        """Remember every tree's CPU seconds now (e.g. at the start and end of the window)."""
        self.sample()
        with self._lock:
            for usage in self.usage.values():
                usage.marks[label] = usage.cpu_seconds
            times = psutil.cpu_times()
            self.machine_busy[label] = (
                times.user
                + times.nice
                + times.system
                + getattr(times, "irq", 0.0)
                + getattr(times, "softirq", 0.0)
                + getattr(times, "steal", 0.0)
            )


def shared_services() -> dict[str, int]:
    """PostgreSQL's postmaster and redis-server, if they run here: their CPU is part of what a
    turn costs, although they serve others too (their memory is not ours and not reported)."""
    found: dict[str, int] = {}
    for process in psutil.process_iter(["name", "ppid"]):
        try:
            name = process.info["name"] or ""
            if name in ("postgres", "postmaster") and "postgresql" not in found:
                parent = psutil.Process(process.info["ppid"])
                if parent.name() not in ("postgres", "postmaster"):
                    found["postgresql"] = process.pid
            elif name.startswith("redis-server") and "redis" not in found:
                found["redis"] = process.pid
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found
