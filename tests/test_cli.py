"""The operators' console command."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from sqlalchemy import select

from actions.cli import main
from actions.db.engine import build_engine, build_session_factory
from actions.db.models import Counsellor, Role
from actions.security import verify_password
from actions.settings import get_settings

PASSWORD = "a long enough password"


@pytest.fixture
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    get_settings.cache_clear()
    yield sqlite_url
    get_settings.cache_clear()


def stored_counsellors(url: str) -> list[Counsellor]:
    engine = build_engine(url)
    with build_session_factory(engine)() as session:
        rows = list(session.scalars(select(Counsellor)))
    engine.dispose()
    return rows


def test_create_counsellor_stores_only_a_hash(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["create-counsellor", "Neuvoja@Lahti.example", "--role", "admin"]) == 0
    [counsellor] = stored_counsellors(database)
    assert counsellor.email == "neuvoja@lahti.example"
    assert counsellor.role is Role.ADMIN
    assert PASSWORD not in counsellor.password_hash
    assert verify_password(counsellor.password_hash, PASSWORD)
    assert PASSWORD not in capsys.readouterr().out


def test_duplicate_and_short_passwords_are_refused(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["create-counsellor", "a@lahti.example"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["create-counsellor", "A@lahti.example"]) == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["create-counsellor", "b@lahti.example"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert len(stored_counsellors(database)) == 1


def test_console_script_is_installed_and_migrates(tmp_path: pytest.TempPathFactory) -> None:
    url = f"sqlite:///{tmp_path}/fresh.db"
    result = subprocess.run(
        [sys.prefix + "/bin/housing-guide", "migrate"],
        env={"DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert stored_counsellors(url) == []
