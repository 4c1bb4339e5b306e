"""Fixtures: settings bound to a throw-away database, and the action-server app on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from actions.app import create_app
from actions.db.engine import build_engine, build_session_factory
from actions.db.migrate import upgrade_to_head
from actions.settings import Settings
from tests.support.databases import database
from tests.support.servers import RunningBot, running_bot


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: every test using it runs on SQLite and on PostgreSQL."""
    with database(request.param, tmp_path) as url:
        upgrade_to_head(url)
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    """A migrated SQLite database, for tests about behaviour that does not depend on the engine."""
    with database("sqlite", tmp_path) as url:
        upgrade_to_head(url)
        yield url


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(database_url=sqlite_url, secret_key="test-signing-key-" + "x" * 32)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def sessions(settings: Settings) -> Iterator[sessionmaker[Session]]:
    engine = build_engine(settings.database_url)
    yield build_session_factory(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    """One real Rasa server and one real action server, shared by end-to-end and browser tests."""
    workdir = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{workdir / 'e2e.db'}"
    upgrade_to_head(database_url)
    with running_bot(workdir, database_url) as running:
        yield running
