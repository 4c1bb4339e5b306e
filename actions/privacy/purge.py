"""Empty the personal data of tickets closed long enough ago; the ticket and its audit stay."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from actions.db.engine import transaction
from actions.db.models import AuditEvent, Ticket, TicketStatus


def purge_closed_tickets(factory: sessionmaker[Session], older_than_days: int) -> int:
    """Return how many tickets had their personal data removed."""
    now = datetime.now(timezone.utc)
    cutoff = now - timedelta(days=older_than_days)
    with transaction(factory) as session:
        tickets = session.scalars(
            select(Ticket).where(
                Ticket.status == TicketStatus.CLOSED,
                Ticket.closed_at < cutoff,
                Ticket.personal_data_purged_at.is_(None),
            )
        ).all()
        for ticket in tickets:
            ticket.contact_value = ticket.preferred_language = ticket.description = None
            ticket.preferred_time = None
            ticket.transcript = None
            ticket.personal_data_purged_at = now
            for note in ticket.notes:
                note.body = ""
            for attempt in ticket.contact_attempts:
                attempt.note = None
            session.add(
                AuditEvent(ticket_reference=ticket.reference, action="personal_data_purged")
            )
        return len(tickets)


def forget_conversation(factory: sessionmaker[Session], conversation_id: str) -> int:
    """Delete every ticket of a conversation (the resident asked to be forgotten)."""
    with transaction(factory) as session:
        tickets = session.scalars(
            select(Ticket).where(Ticket.conversation_id == conversation_id)
        ).all()
        for ticket in tickets:
            session.add(
                AuditEvent(ticket_reference=ticket.reference, action="forgotten_on_request")
            )
            session.delete(ticket)
        return len(tickets)
