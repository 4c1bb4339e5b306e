"""The run's own PostgreSQL databases and Redis keys, created for one run and removed after it.

Each run gets fresh databases (the action server's tables and Rasa's tracker events) so that
figures never depend on what an earlier run left behind, and so that nothing of the bench
survives in the shared PostgreSQL and Redis of the machine.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


@dataclass(frozen=True)
class Postgres:
    """Where PostgreSQL is; the user must be allowed to create databases."""

    host: str = "127.0.0.1"
    port: int = 5432
    user: str = "postgres"
    password: str = ""
    admin_db: str = "postgres"

    @classmethod
    def from_url(cls, url: str) -> Postgres:
        parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://"))
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or "",
            admin_db=(parts.path or "/postgres").lstrip("/") or "postgres",
        )

    def url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        auth = self.user + (f":{self.password}" if self.password else "")
        return f"{driver}://{auth}@{self.host}:{self.port}/{database}"

    def _admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.url(self.admin_db, "postgresql"), autocommit=True)

    def create(self, database: str) -> None:
        with self._admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))

    def drop(self, database: str) -> None:
        # WITH (FORCE) (PostgreSQL 13+) closes connections a killed server may have left.
        with self._admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )


@contextmanager
def databases(postgres: Postgres, *names: str) -> Iterator[None]:
    """Fresh, empty databases for the block; dropped afterwards, also on errors and Ctrl-C."""
    try:
        for name in names:
            postgres.create(name)
        yield
    finally:
        for name in names:
            postgres.drop(name)


@dataclass(frozen=True)
class Redis:
    """A minimal RESP client: the action server's environment has no Redis library, and the
    bench needs only PING, SCAN and DEL to check the server and remove its own lock keys."""

    host: str = "127.0.0.1"
    port: int = 6379
    db: int = 0

    def _command(self, connection: socket.socket, *args: str) -> object:
        payload = f"*{len(args)}\r\n" + "".join(f"${len(a.encode())}\r\n{a}\r\n" for a in args)
        connection.sendall(payload.encode())
        return _read_reply(connection.makefile("rb"))

    def _connect(self) -> socket.socket:
        connection = socket.create_connection((self.host, self.port), timeout=5)
        if self.db:
            self._command(connection, "SELECT", str(self.db))
        return connection

    def ping(self) -> bool:
        with self._connect() as connection:
            return self._command(connection, "PING") == "PONG"

    def delete_prefix(self, prefix: str) -> int:
        """Delete every key starting with `prefix` (SCAN, never KEYS); return how many."""
        deleted = 0
        with self._connect() as connection:
            cursor = "0"
            while True:
                reply = self._command(
                    connection, "SCAN", cursor, "MATCH", f"{prefix}*", "COUNT", "1000"
                )
                assert isinstance(reply, list)
                cursor, keys = str(reply[0]), reply[1]
                assert isinstance(keys, list)
                if keys:
                    result = self._command(connection, "DEL", *[str(k) for k in keys])
                    deleted += int(str(result))
                if cursor == "0":
                    return deleted


def _read_reply(stream: object) -> object:
    """Parse one RESP2 reply (simple string, error, integer, bulk string or array)."""
    readline = stream.readline  # type: ignore[attr-defined]
    read = stream.read  # type: ignore[attr-defined]
    line: bytes = readline().rstrip(b"\r\n")
    kind, rest = line[:1], line[1:].decode()
    if kind == b"+":
        return rest
    if kind == b"-":
        raise RuntimeError(f"Redis: {rest}")
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        if size < 0:
            return None
        data: bytes = read(size + 2)
        return data[:-2].decode()
    if kind == b"*":
        return [_read_reply(stream) for _ in range(int(rest))]
    raise RuntimeError(f"Redis: unexpected reply {line!r}")
