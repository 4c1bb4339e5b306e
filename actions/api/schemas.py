"""Response bodies of the counsellor API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from actions.db.models import TicketStatus, Urgency


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - OAuth2 token type, not a secret
    expires_in: int


class TicketOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    reference: str
    language: str
    topic: str | None
    urgency: Urgency
    status: TicketStatus
    created_at: datetime
