"""Queries live here, so routes and actions never build SQL themselves."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from actions.db.models import URGENCY_ORDER, Counsellor, Role, Ticket, TicketStatus, Urgency


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

    def by_reference(self, reference: str) -> Ticket | None:
        return self.session.scalar(select(Ticket).where(Ticket.reference == reference.upper()))

    def list(
        self,
        status: TicketStatus | None = None,
        urgency: Urgency | None = None,
        language: str | None = None,
        topic: str | None = None,
        limit: int = 200,
    ) -> Sequence[Ticket]:
        """Urgent first, then oldest first (who has waited longest); optionally filtered."""
        rank = case(dict(URGENCY_ORDER), value=Ticket.urgency)
        query = select(Ticket).order_by(rank, Ticket.created_at, Ticket.id).limit(limit)
        filters = ((Ticket.status, status), (Ticket.urgency, urgency), (Ticket.language, language))
        for column, value in (*filters, (Ticket.topic, topic)):
            if value is not None:
                query = query.where(column == value)
        return self.session.scalars(query).unique().all()
