"""What counsellors do with a ticket; every change is written to the audit trail with it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy.orm import Session

from actions.db.models import (
    AuditEvent,
    ContactAttempt,
    Counsellor,
    Role,
    Ticket,
    TicketNote,
    TicketStatus,
)
from actions.db.repositories import TicketRepository


class WorkflowError(Exception):
    """A ticket cannot change as asked; `status_code` is what the API answers."""

    status_code = 409

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        if status_code is not None:
            self.status_code = status_code


def _audit(session: Session, ticket: Ticket, by: Counsellor, action: str, **detail: Any) -> None:
    session.add(
        AuditEvent(
            ticket_reference=ticket.reference, counsellor_id=by.id, action=action, detail=detail
        )
    )


def open_ticket(session: Session, reference: str) -> Ticket:
    ticket = TicketRepository(session).by_reference(reference)
    if ticket is None:
        raise WorkflowError(f"no ticket {reference}", status_code=404)
    return ticket


def _require_open(ticket: Ticket) -> None:
    if ticket.status is TicketStatus.CLOSED:
        raise WorkflowError(f"ticket {ticket.reference} is closed")


def claim(session: Session, reference: str, by: Counsellor) -> Ticket:
    """Take a new ticket; a ticket someone else holds can only be taken over by an admin."""
    ticket = open_ticket(session, reference)
    _require_open(ticket)
    if ticket.claimed_by_id not in (None, by.id) and by.role is not Role.ADMIN:
        raise WorkflowError(f"ticket {reference} is already claimed")
    previous = ticket.claimed_by_id
    ticket.claimed_by_id, ticket.status = by.id, TicketStatus.CLAIMED
    _audit(session, ticket, by, "claimed", previous_counsellor_id=previous)
    return ticket


def add_note(session: Session, reference: str, by: Counsellor, body: str) -> TicketNote:
    ticket = open_ticket(session, reference)
    note = TicketNote(ticket=ticket, author_id=by.id, body=body)
    session.add(note)
    _audit(session, ticket, by, "note_added")
    return note


def record_contact(
    session: Session, reference: str, by: Counsellor, method: str, reached: bool, note: str | None
) -> ContactAttempt:
    ticket = open_ticket(session, reference)
    _require_open(ticket)
    attempt = ContactAttempt(
        ticket=ticket, counsellor_id=by.id, method=method, reached=reached, note=note
    )
    session.add(attempt)
    _audit(session, ticket, by, "contact_attempt", method=method, reached=reached)
    return attempt


def close(session: Session, reference: str, by: Counsellor, outcome: str) -> Ticket:
    ticket = open_ticket(session, reference)
    _require_open(ticket)
    ticket.status, ticket.outcome = TicketStatus.CLOSED, outcome
    ticket.closed_at = datetime.now(timezone.utc)
    _audit(session, ticket, by, "closed", outcome=outcome)
    return ticket
