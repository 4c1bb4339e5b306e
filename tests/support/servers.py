"""Start the real action server and the real Rasa server as subprocesses, on free ports.

`running_bot` and `running_action_server` run one of each for a block of tests. The production
tests compose `ServerProcess`es themselves: several Rasa servers on `endpoints.production.yml`,
and servers that a test stops, kills and starts again on the same port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
UVICORN = ROOT / ".venv-actions" / "bin" / "uvicorn"
MODEL = ROOT / "models" / "housing-guide.tar.gz"
RASA_START_SECONDS = 180
ACTIONS_START_SECONDS = 60


def run_in_rasa_process(code: str, *args: str, timeout: float = 180) -> str:
    """Run Python `code` in Rasa's environment from `bot/` (where Rasa imports `addons`), as
    Rasa's own process would; return the last line it printed. A failure shows its stderr."""
    python = RASA.with_name("python")
    result = subprocess.run(
        [str(python), "-c", code, *args],
        cwd=ROOT / "bot",
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class RunningBot:
    rasa_url: str
    actions_url: str
    database_url: str
    auth_token: str | None = None  # Rasa's HTTP API token (`rasa run --auth-token`), if any

    def say(self, sender: str, message: str, language: str | None = None) -> list[dict[str, Any]]:
        """Send one message through the REST channel and return the bot's messages."""
        body: dict[str, Any] = {"sender": sender, "message": message}
        if language:
            body["metadata"] = {"language": language}
        response = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        messages: list[dict[str, Any]] = response.json()
        return messages

    def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation as Rasa's HTTP API gives it (with the token when there is one)."""
        params = {"token": self.auth_token} if self.auth_token else {}
        response = httpx.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params=params, timeout=30
        )
        response.raise_for_status()
        tracker: dict[str, Any] = response.json()
        return tracker


def rasa_command(
    port: int, endpoints: str = "endpoints.yml", auth_token: str | None = None
) -> list[str]:
    """`rasa run` as scripts/run-servers starts it, from `bot/`."""
    command = [
        str(RASA),
        "run",
        "--enable-api",
        "--cors",
        "*",
        "--model",
        str(MODEL),
        "--endpoints",
        endpoints,
        "--credentials",
        "credentials.yml",
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    # One argument: a token may start with "-".
    return [*command, f"--auth-token={auth_token}"] if auth_token else command


def actions_command(port: int) -> list[str]:
    return [str(UVICORN), "actions.app:create_app", "--factory", "--port", str(port)]


def rasa_env(actions_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "ACTION_ENDPOINT_URL": f"{actions_url}/webhook",  # read by bot/endpoints*.yml
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        **extra,
    }


def actions_env(database_url: str, secret_key: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": secret_key, **extra}


@dataclass
class ServerProcess:
    """One server subprocess, which a test may stop, kill and start again on the same port.

    The output of every run is appended to `log`, left for failures.
    """

    command: list[str]
    cwd: Path
    env: dict[str, str]
    log: Path
    health_url: str
    start_seconds: int = ACTIONS_START_SECONDS
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> ServerProcess:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )
        return self

    def wait_until_up(self) -> None:
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + self.start_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.health_url} exited early:\n{self.log_tail()}")
            try:
                if httpx.get(self.health_url, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise RuntimeError(
            f"{self.health_url} did not come up in {self.start_seconds}s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """Terminate (SIGTERM), and kill after 20 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to finish anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def log_tail(self, characters: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-characters:]


@contextmanager
def running(*servers: ServerProcess) -> Iterator[tuple[ServerProcess, ...]]:
    """Start the servers together, wait until each answers, stop them all afterwards."""
    with ExitStack() as stack:
        for server in servers:
            stack.callback(server.stop)
            server.start()
        for server in servers:
            server.wait_until_up()
        yield servers


def action_server(
    workdir: Path,
    database_url: str,
    secret_key: str,
    port: int | None = None,
    env: dict[str, str] | None = None,
    **more_env: str,
) -> ServerProcess:
    port = port or free_port()
    return ServerProcess(
        actions_command(port),
        ROOT,
        actions_env(database_url, secret_key, **(env or {}), **more_env),
        workdir / "actions.log",
        f"http://127.0.0.1:{port}/health",
    )


def rasa_server(
    workdir: Path,
    actions_url: str,
    *,
    port: int | None = None,
    endpoints: str = "endpoints.yml",
    auth_token: str | None = None,
    name: str = "rasa",
    env: dict[str, str] | None = None,
    **more_env: str,
) -> ServerProcess:
    if not MODEL.exists():
        raise RuntimeError(f"{MODEL} is missing: `make model` trains it (make test does)")
    port = port or free_port()
    status = f"http://127.0.0.1:{port}/status" + (f"?token={auth_token}" if auth_token else "")
    return ServerProcess(
        rasa_command(port, endpoints, auth_token),
        ROOT / "bot",
        rasa_env(actions_url, **(env or {}), **more_env),
        workdir / f"{name}.log",
        status,
        start_seconds=RASA_START_SECONDS,
    )


def base_url(server: ServerProcess) -> str:
    """http://127.0.0.1:<port> of a server made by `action_server` or `rasa_server`."""
    return "/".join(server.health_url.split("/")[:3])


@contextmanager
def running_bot(workdir: Path, database_url: str) -> Iterator[RunningBot]:
    """Run both servers until the block ends; logs are left in `workdir` for failures."""
    rasa_port = free_port()
    # The demo page at / embeds the web widget, which talks to this Rasa server.
    public_rasa_url = f"http://127.0.0.1:{rasa_port}"
    actions = action_server(
        workdir, database_url, "e2e-" + "s" * 44, PUBLIC_RASA_URL=public_rasa_url
    )
    rasa = rasa_server(workdir, base_url(actions), port=rasa_port, DATABASE_URL=database_url)
    with running(actions, rasa):
        yield RunningBot(base_url(rasa), base_url(actions), database_url)


@contextmanager
def running_action_server(workdir: Path, database_url: str) -> Iterator[str]:
    """Run only the action server (for pages and API tests in a browser); yield its URL."""
    with running(action_server(workdir, database_url, "browser-" + "s" * 40)) as (actions,):
        yield base_url(actions)
