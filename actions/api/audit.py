"""The audit trail: who changed which ticket, when and how (admins only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from actions.api.deps import AdminCounsellor, DbSession
from actions.db.models import AuditEvent

router = APIRouter(prefix="/api/audit", tags=["counsellors"])


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ticket_reference: str | None
    counsellor_id: int | None
    action: str
    detail: dict[str, Any]
    created_at: datetime


@router.get("", response_model=list[AuditEventOut])
def list_audit_events(
    _admin: AdminCounsellor, session: DbSession, ticket: str | None = None, limit: int = 500
) -> list[AuditEventOut]:
    """List audit events, newest first, optionally for one ticket reference."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(min(limit, 5000))
    if ticket:
        query = query.where(AuditEvent.ticket_reference == ticket.upper())
    return [AuditEventOut.model_validate(e) for e in session.scalars(query)]
