"""Creating hand-off tickets with unguessable references."""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from actions.db.engine import transaction
from actions.db.models import Ticket, Urgency
from actions.db.repositories import TicketRepository

# Crockford's base32 without I, L, O, U: easy to read aloud on the phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 8  # 40 random bits


def new_reference() -> str:
    """Return a reference such as `K7QM-4XPD`, drawn from a CSPRNG so it cannot be guessed."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{body[:4]}-{body[4:]}"


def create_ticket(
    factory: sessionmaker[Session],
    *,
    conversation_id: str,
    language: str,
    topic: str | None,
    urgency: Urgency = Urgency.NORMAL,
    attempts: int = 5,
) -> Ticket:
    """Store a new ticket; on the rare reference collision, draw again."""
    for _ in range(attempts):
        try:
            with transaction(factory) as session:
                ticket = Ticket(
                    reference=new_reference(),
                    conversation_id=conversation_id,
                    language=language,
                    topic=topic,
                    urgency=urgency,
                )
                return TicketRepository(session).add(ticket)
        except IntegrityError:
            continue
    raise RuntimeError("could not draw a unique ticket reference")
