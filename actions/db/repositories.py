"""Queries live here, so routes and actions never build SQL themselves."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.db.models import Counsellor, Role, Ticket, TicketStatus


class CounsellorRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_email(self, email: str) -> Counsellor | None:
        return self.session.scalar(select(Counsellor).where(Counsellor.email == email.lower()))

    def add(self, email: str, password_hash: str, role: Role) -> Counsellor:
        counsellor = Counsellor(email=email.lower(), password_hash=password_hash, role=role)
        self.session.add(counsellor)
        self.session.flush()
        return counsellor


class TicketRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, ticket: Ticket) -> Ticket:
        self.session.add(ticket)
        self.session.flush()
        return ticket

    def reference_exists(self, reference: str) -> bool:
        return (
            self.session.scalar(select(Ticket.id).where(Ticket.reference == reference)) is not None
        )

    def list(self, status: TicketStatus | None = None, limit: int = 100) -> Sequence[Ticket]:
        """Newest first; optionally only one status."""
        query = select(Ticket).order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(limit)
        if status is not None:
            query = query.where(Ticket.status == status)
        return self.session.scalars(query).all()
