"""Throw-away databases: an SQLite file, or a private schema in the PostgreSQL server here."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

# PostgreSQL at 127.0.0.1:5432 with trust auth and database `test` (DEVELOPERS.md); CI has it too.
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_dsn(database: str | None = None) -> str:
    """A libpq connection string (for psycopg) to the PostgreSQL here, or to one of its
    databases."""
    url = make_url(POSTGRES_URL).set(drivername="postgresql", query={})
    if database:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


@contextmanager
def sqlite_database(directory: Path) -> Iterator[str]:
    yield f"sqlite:///{directory / f'test-{uuid.uuid4().hex}.db'}"


@contextmanager
def postgres_database() -> Iterator[str]:
    """Yield a URL whose connections live in a fresh schema, dropped afterwards."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    url = make_url(POSTGRES_URL)
    with psycopg.connect(postgres_dsn(), autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
                hide_password=False
            )
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def postgres_scratch_database(prefix: str) -> Iterator[str]:
    """Yield the name of a fresh PostgreSQL database (for Rasa's tracker store, which wants a
    database of its own), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_dsn(), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(postgres_dsn(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(kind: str, directory: Path) -> Iterator[str]:
    manager = sqlite_database(directory) if kind == "sqlite" else postgres_database()
    with manager as url:
        yield url
