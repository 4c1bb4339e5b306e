"""Hand-off tickets as counsellors see them."""

from __future__ import annotations

from fastapi import APIRouter

from actions.api.deps import CurrentCounsellor, DbSession
from actions.api.schemas import TicketOut
from actions.db.models import TicketStatus
from actions.db.repositories import TicketRepository

router = APIRouter(prefix="/api/tickets", tags=["counsellors"])


@router.get("", response_model=list[TicketOut])
def list_tickets(
    _counsellor: CurrentCounsellor, session: DbSession, status: TicketStatus | None = None
) -> list[TicketOut]:
    """List tickets, newest first, optionally of one status."""
    return [TicketOut.model_validate(t) for t in TicketRepository(session).list(status=status)]
