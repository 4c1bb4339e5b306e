"""Start the real action server and the real Rasa server as subprocesses, on free ports."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
UVICORN = ROOT / ".venv-actions" / "bin" / "uvicorn"
MODEL = ROOT / "models" / "housing-guide.tar.gz"


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

    def say(self, sender: str, message: str, language: str | None = None) -> list[dict]:
        """Send one message through the REST channel and return the bot's messages."""
        body: dict = {"sender": sender, "message": message}
        if language:
            body["metadata"] = {"language": language}
        response = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        messages: list[dict] = response.json()
        return messages


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {seconds}s:\n{log.read_text()[-4000:]}")


@contextmanager
def _process(
    command: list[str], cwd: Path, env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running_bot(workdir: Path, database_url: str) -> Iterator[RunningBot]:
    """Run both servers until the block ends; logs are left in `workdir` for failures."""
    if not MODEL.exists():
        raise RuntimeError(f"{MODEL} is missing: `make model` trains it (make test does)")
    actions_port, rasa_port = free_port(), free_port()
    actions_url = f"http://127.0.0.1:{actions_port}"
    env = {
        **os.environ,
        "ACTION_ENDPOINT_URL": f"{actions_url}/webhook",  # read by bot/endpoints.yml
        "DATABASE_URL": database_url,
        "SECRET_KEY": "e2e-" + "s" * 44,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    with ExitStack() as stack:
        actions = stack.enter_context(
            _process(
                [str(UVICORN), "actions.app:create_app", "--factory", "--port", str(actions_port)],
                ROOT,
                env,
                workdir / "actions.log",
            )
        )
        rasa = stack.enter_context(
            _process(
                [
                    str(RASA),
                    "run",
                    "--enable-api",
                    "--model",
                    str(MODEL),
                    "--endpoints",
                    "endpoints.yml",
                    "--credentials",
                    "credentials.yml",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(rasa_port),
                ],
                ROOT / "bot",
                env,
                workdir / "rasa.log",
            )
        )
        _wait_until_up(f"{actions_url}/health", actions, workdir / "actions.log", 60)
        _wait_until_up(f"http://127.0.0.1:{rasa_port}/status", rasa, workdir / "rasa.log", 180)
        yield RunningBot(f"http://127.0.0.1:{rasa_port}", actions_url, database_url)


@contextmanager
def running_action_server(workdir: Path, database_url: str) -> Iterator[str]:
    """Run only the action server (for pages and API tests in a browser); yield its URL."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "browser-" + "s" * 40}
    command = [str(UVICORN), "actions.app:create_app", "--factory", "--port", str(port)]
    with _process(command, ROOT, env, workdir / "actions.log") as process:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{url}/health", process, workdir / "actions.log", 60)
        yield url
