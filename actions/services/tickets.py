"""Creating hand-off tickets with unguessable references."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from actions.db.engine import transaction
from actions.db.models import AuditEvent, Ticket, Urgency
from actions.db.repositories import TicketRepository

# Crockford's base32 without I, L, O, U: easy to read aloud on the phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 8  # 40 random bits


def new_reference() -> str:
    """Return a reference such as `K7QM-4XPD`, drawn from a CSPRNG so it cannot be guessed."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{body[:4]}-{body[4:]}"


@dataclass
class TicketRequest:
    """Everything a consented hand-off stores; personal fields are already validated/redacted."""

    conversation_id: str
    language: str
    topic: str | None = None
    topics: list[str] = field(default_factory=list)
    urgency: Urgency = Urgency.NORMAL
    urgency_reasons: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    arrears_months: int | None = None
    contact_method: str | None = None
    contact_value: str | None = None
    preferred_language: str | None = None
    interpreter_language: str | None = None
    preferred_time: str | None = None
    preferred_period: str | None = None
    description: str | None = None
    transcript: list[dict[str, Any]] | None = None
    contact_by: datetime | None = None
    # Identifies the hand-off form run (see handoff_submit.submission_key); None: no dedup.
    submission_key: str | None = None


def find_submitted(session: Session, request: TicketRequest) -> Ticket | None:
    """The ticket already stored for this form run, if the submit is being retried."""
    if request.submission_key is None:
        return None
    return session.scalar(
        select(Ticket).where(
            Ticket.conversation_id == request.conversation_id,
            Ticket.submission_key == request.submission_key,
        )
    )


def create_ticket(
    factory: sessionmaker[Session], request: TicketRequest, attempts: int = 5
) -> Ticket:
    """Store a new ticket and its audit event; on the rare reference collision, draw again.

    Idempotent per form run: when a ticket with the request's `submission_key` exists in this
    conversation (the submit was retried after the action server restarted, or ran twice at
    once), that ticket is returned and nothing new is stored.
    """
    for _ in range(attempts):
        try:
            with transaction(factory) as session:
                existing = find_submitted(session, request)
                if existing is not None:
                    return existing
                ticket = TicketRepository(session).add(
                    Ticket(reference=new_reference(), **vars(request))
                )
                session.add(AuditEvent(ticket_reference=ticket.reference, action="created"))
                return ticket
        except IntegrityError:
            continue  # a reference collision, or the same submission stored meanwhile
    raise RuntimeError("could not draw a unique ticket reference")
