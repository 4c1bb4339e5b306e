"""Tables of the action server: counsellors and hand-off tickets."""

from __future__ import annotations

import enum

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from actions.db.base import Base, TimestampMixin


class Role(str, enum.Enum):
    COUNSELLOR = "counsellor"
    ADMIN = "admin"


class Urgency(str, enum.Enum):
    EMERGENCY = "emergency"
    HIGH = "high"
    NORMAL = "normal"


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
    """A resident's request to be contacted by a housing counsellor."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    conversation_id: Mapped[str] = mapped_column(String(255), index=True)
    language: Mapped[str] = mapped_column(String(2))
    topic: Mapped[str | None] = mapped_column(String(40))
    urgency: Mapped[Urgency] = mapped_column(_enum_column(Urgency), default=Urgency.NORMAL)
    status: Mapped[TicketStatus] = mapped_column(
        _enum_column(TicketStatus), default=TicketStatus.NEW, index=True
    )
