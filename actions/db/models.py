"""Tables of the action server: counsellors, hand-off tickets, their notes, contacts and audit."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from actions.db.base import Base, TimestampMixin


class Role(str, enum.Enum):
    COUNSELLOR = "counsellor"
    ADMIN = "admin"


class Urgency(str, enum.Enum):
    EMERGENCY = "emergency"
    HIGH = "high"
    NORMAL = "normal"


# Urgent first in every list a counsellor sees.
URGENCY_ORDER = {Urgency.EMERGENCY: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2}


class TicketStatus(str, enum.Enum):
    NEW = "new"
    CLAIMED = "claimed"
    CLOSED = "closed"


def _enum_column(enum_type: type[enum.Enum]) -> Enum:
    """Store enums as their values in a portable VARCHAR with a CHECK constraint."""
    return Enum(
        enum_type,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        name=enum_type.__name__.lower(),
    )


class Counsellor(TimestampMixin, Base):
    __tablename__ = "counsellors"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(_enum_column(Role), default=Role.COUNSELLOR)
    is_active: Mapped[bool] = mapped_column(default=True)


class Ticket(TimestampMixin, Base):
    """A resident's consented request to be contacted by a housing counsellor.

    Columns marked personal are emptied by the purge once the ticket has been closed long enough.
    """

    __tablename__ = "tickets"
    # One ticket per hand-off form run: a submit retried after the action server restarted
    # finds the ticket it already stored (see services/tickets.create_ticket).
    __table_args__ = (UniqueConstraint("conversation_id", "submission_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    conversation_id: Mapped[str] = mapped_column(String(255), index=True)
    submission_key: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))
    topic: Mapped[str | None] = mapped_column(String(40))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    urgency: Mapped[Urgency] = mapped_column(_enum_column(Urgency), default=Urgency.NORMAL)
    urgency_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    deadlines: Mapped[list[str]] = mapped_column(JSON, default=list)
    amounts: Mapped[list[str]] = mapped_column(JSON, default=list)
    arrears_months: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[TicketStatus] = mapped_column(
        _enum_column(TicketStatus), default=TicketStatus.NEW, index=True
    )
    contact_method: Mapped[str | None] = mapped_column(String(10))
    contact_by: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("counsellors.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    outcome: Mapped[str | None] = mapped_column(String(500))
    # Personal data, stored only with the resident's consent:
    contact_value: Mapped[str | None] = mapped_column(String(320))
    preferred_language: Mapped[str | None] = mapped_column(String(100))
    # Which language an interpreter is needed for (None: the counsellor speaks the language).
    interpreter_language: Mapped[str | None] = mapped_column(String(12))
    preferred_period: Mapped[str | None] = mapped_column(String(12))
    preferred_time: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    transcript: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    personal_data_purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    claimed_by: Mapped[Counsellor | None] = relationship(lazy="joined")
    notes: Mapped[list[TicketNote]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="TicketNote.id"
    )
    contact_attempts: Mapped[list[ContactAttempt]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="ContactAttempt.id"
    )


class TicketNote(TimestampMixin, Base):
    """An internal note; residents never see it."""

    __tablename__ = "ticket_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("counsellors.id"))
    body: Mapped[str] = mapped_column(Text)

    ticket: Mapped[Ticket] = relationship(back_populates="notes")
    author: Mapped[Counsellor] = relationship(lazy="joined")


class ContactAttempt(TimestampMixin, Base):
    __tablename__ = "contact_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    counsellor_id: Mapped[int] = mapped_column(ForeignKey("counsellors.id"))
    method: Mapped[str] = mapped_column(String(10))
    reached: Mapped[bool]
    note: Mapped[str | None] = mapped_column(String(1000))

    ticket: Mapped[Ticket] = relationship(back_populates="contact_attempts")
    counsellor: Mapped[Counsellor] = relationship(lazy="joined")


class AuditEvent(TimestampMixin, Base):
    """Who changed what, when. Kept when a ticket's personal data is purged."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_reference: Mapped[str | None] = mapped_column(String(16), index=True)
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("counsellors.id"))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ArticleFeedback(TimestampMixin, Base):
    """A resident's "was this helpful?" answer to one article: no person, only the verdict.

    Nothing identifies the resident or the conversation, so feedback is kept after "forget".
    """

    __tablename__ = "article_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), index=True)
    language: Mapped[str] = mapped_column(String(2))
    helpful: Mapped[bool]
    orientation_session: Mapped[bool] = mapped_column(default=False)
