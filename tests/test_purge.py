"""Personal data of closed tickets is purged after the configured days; nothing else is."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from actions.cli import main
from actions.db.engine import build_engine, build_session_factory
from actions.db.models import AuditEvent, Ticket, TicketStatus
from actions.privacy.purge import forget_conversation, purge_closed_tickets
from actions.services.tickets import TicketRequest, create_ticket
from actions.settings import get_settings


@pytest.fixture
def factory(database_url: str) -> sessionmaker[Session]:
    return build_session_factory(build_engine(database_url))


def ticket(factory: sessionmaker[Session], conversation: str, closed_days_ago: int | None) -> str:
    request = TicketRequest(
        conversation_id=conversation,
        language="fi",
        contact_method="sms",
        contact_value="+358401234567",
        description="oma kuvaus",
        transcript=[{"from": "resident", "text": "apua", "at": "2026-01-01T00:00:00+00:00"}],
    )
    reference = create_ticket(factory, request).reference
    if closed_days_ago is not None:
        closed_at = datetime.now(timezone.utc) - timedelta(days=closed_days_ago)
        with factory() as session, session.begin():
            session.execute(
                update(Ticket)
                .where(Ticket.reference == reference)
                .values(status=TicketStatus.CLOSED, closed_at=closed_at)
            )
    return reference


def personal(factory: sessionmaker[Session], reference: str) -> tuple:
    with factory() as session:
        row = session.scalar(select(Ticket).where(Ticket.reference == reference))
        assert row is not None
        return (row.contact_value, row.description, row.transcript)


def test_only_tickets_closed_long_enough_ago_are_purged(factory: sessionmaker[Session]) -> None:
    old, recent, still_open = (
        ticket(factory, "a", 120),
        ticket(factory, "b", 10),
        ticket(factory, "c", None),
    )
    assert purge_closed_tickets(factory, older_than_days=90) == 1
    assert personal(factory, old) == (None, None, None)
    assert personal(factory, recent)[0] == "+358401234567"
    assert personal(factory, still_open)[1] == "oma kuvaus"
    assert purge_closed_tickets(factory, older_than_days=90) == 0  # done once
    with factory() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.ticket_reference == old)
        )
        assert "personal_data_purged" in list(actions)


def test_the_console_command_uses_the_configured_days(
    database_url: str, factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = ticket(factory, "d", 40)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PURGE_CLOSED_AFTER_DAYS", "30")
    get_settings.cache_clear()
    try:
        assert main(["purge"]) == 0
    finally:
        get_settings.cache_clear()
    assert personal(factory, reference) == (None, None, None)


def test_forgetting_a_conversation_deletes_its_tickets(factory: sessionmaker[Session]) -> None:
    mine, other = ticket(factory, "forget-me", None), ticket(factory, "keep", None)
    assert forget_conversation(factory, "forget-me") == 1
    with factory() as session:
        remaining = set(session.scalars(select(Ticket.reference)))
    assert remaining == {other} and mine not in remaining


def test_a_failed_statement_never_carries_the_rows_values_into_its_error(database_url: str) -> None:
    # The action server logs the error of a ticket it could not store.
    engine = build_engine(database_url)
    with pytest.raises(DBAPIError) as failure, engine.begin() as connection:
        connection.execute(text("INSERT INTO no_such_table VALUES (:v)"), {"v": "040 765 4321"})
    assert "040 765 4321" not in str(failure.value)


def test_a_forgotten_conversation_is_not_left_readable_in_the_sqlite_file(
    sqlite_url: str,
) -> None:
    factory = build_session_factory(build_engine(sqlite_url))
    request = TicketRequest(
        conversation_id="forget-me",
        language="ar",
        contact_method="phone",
        contact_value="+358407654321",
        description="resident-description-to-forget",
        transcript=[{"from": "resident", "text": "apua", "at": "2026-01-01T00:00:00+00:00"}],
    )
    create_ticket(factory, request)
    forget_conversation(factory, "forget-me")
    with factory() as session:
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    database_file = Path(make_url(sqlite_url).database or "")
    on_disk = b"".join(p.read_bytes() for p in database_file.parent.glob(database_file.name + "*"))
    assert b"resident-description-to-forget" not in on_disk
    assert b"+358407654321" not in on_disk
