"""The production set-up on this machine: two Rasa servers on bot/endpoints.production.yml.

They share the tracker store (a fresh PostgreSQL database) and the lock store (Redis, a fresh key
prefix), with Rasa's HTTP API behind a token, and call one action server on PostgreSQL (a fresh
schema) that a test may stop and start again on the same port. Everything is removed afterwards.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from actions.db.migrate import upgrade_to_head
from tests.support.databases import (
    POSTGRES_URL,
    postgres_database,
    postgres_dsn,
    postgres_scratch_database,
)
from tests.support.redis_keys import redis_key_prefix
from tests.support.servers import (
    RunningBot,
    ServerProcess,
    action_server,
    base_url,
    free_port,
    rasa_server,
    running,
)

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ProductionStack:
    actions: ServerProcess
    replicas: list[ServerProcess]
    database_url: str  # the action server's
    tracker_database: str
    redis_prefix: str
    auth_token: str

    def bot(self, replica: int) -> RunningBot:
        """Talk to one Rasa replica."""
        return RunningBot(
            base_url(self.replicas[replica]),
            base_url(self.actions),
            self.database_url,
            self.auth_token,
        )

    def stored_events(self, sender: str) -> list[tuple[str, str]]:
        """(type, data) of the conversation's events in Rasa's table, in order."""
        with psycopg.connect(postgres_dsn(self.tracker_database)) as connection:
            rows = connection.execute(
                "SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,)
            ).fetchall()
        return [(str(kind), str(data)) for kind, data in rows]

    def tickets(self, sender: str) -> list[str]:
        """References of the conversation's tickets."""
        url = make_url(self.database_url).set(drivername="postgresql")
        options = url.query.get("options")
        dsn = url.set(query={}).render_as_string(hide_password=False)
        with psycopg.connect(dsn, options=str(options)) as connection:
            rows = connection.execute(
                "SELECT reference FROM tickets WHERE conversation_id = %s ORDER BY id", (sender,)
            ).fetchall()
        return [str(reference) for (reference,) in rows]


@pytest.fixture(scope="package")
def tracker_database() -> Iterator[str]:
    """A PostgreSQL database of its own for Rasa's tracker store, dropped afterwards."""
    with postgres_scratch_database("rasa_tracker") as name:
        yield name


@pytest.fixture(scope="package")
def redis_prefix() -> Iterator[str]:
    """A Redis key prefix of its own; its keys are deleted after."""
    with redis_key_prefix() as prefix:
        yield prefix


@pytest.fixture(scope="package")
def production(
    tmp_path_factory: pytest.TempPathFactory, tracker_database: str, redis_prefix: str
) -> Iterator[ProductionStack]:
    workdir = tmp_path_factory.mktemp("production")
    token = secrets.token_urlsafe(24)
    with postgres_database() as database_url:
        upgrade_to_head(database_url)
        actions = action_server(workdir, database_url, "production-" + "s" * 40, free_port())
        store_env = {
            "TRACKER_DB_HOST": "127.0.0.1",
            "TRACKER_DB_PORT": str(make_url(POSTGRES_URL).port or 5432),
            "TRACKER_DB_NAME": tracker_database,
            "TRACKER_DB_LOGIN_DB": "",
            "TRACKER_DB_USER": make_url(POSTGRES_URL).username or "postgres",
            "TRACKER_DB_PASSWORD": make_url(POSTGRES_URL).password or "",
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": "6379",
            "REDIS_DB": "0",
            "REDIS_KEY_PREFIX": redis_prefix,
        }
        replicas = [
            rasa_server(
                workdir,
                base_url(actions),
                endpoints="endpoints.production.yml",
                auth_token=token,
                name=f"rasa-{n}",
                env=store_env,
            )
            for n in (1, 2)
        ]
        with running(actions, *replicas):
            yield ProductionStack(
                actions, replicas, database_url, tracker_database, redis_prefix, token
            )


def texts(messages: list[dict[str, Any]]) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def customs(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if (m.get("custom") or {}).get("type") == kind]
