"""Request and response bodies of the counsellor API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from actions.db.models import TicketStatus, Urgency


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - OAuth2 token type, not a secret
    expires_in: int


class TicketSummaryOut(BaseModel):
    """One row of the inbox: enough to triage, no personal data."""

    reference: str
    language: str
    topic: str | None
    topics: list[str]
    urgency: Urgency
    urgency_reasons: list[str]
    status: TicketStatus
    created_at: datetime
    contact_by: datetime | None
    claimed_by: str | None = None
    contact_method: str | None = None
    preferred_period: str | None = None
    interpreter_language: str | None = None


class NoteOut(BaseModel):
    body: str
    author: str
    created_at: datetime


class ContactAttemptOut(BaseModel):
    method: str
    reached: bool
    note: str | None
    counsellor: str
    created_at: datetime


class TicketOut(TicketSummaryOut):
    """The whole ticket, personal data included (only ever to an authenticated counsellor)."""

    deadlines: list[str]
    amounts: list[str]
    arrears_months: int | None
    contact_value: str | None
    preferred_language: str | None
    preferred_time: str | None
    description: str | None
    transcript: list[dict[str, Any]] | None
    outcome: str | None
    closed_at: datetime | None
    notes: list[NoteOut] = []
    contact_attempts: list[ContactAttemptOut] = []
    summary_fi: list[tuple[str, str]] = []


class NoteIn(BaseModel):
    body: str = Field(min_length=1, max_length=5000)


class ContactAttemptIn(BaseModel):
    method: str = Field(pattern="^(phone|sms|email|visit)$")
    reached: bool
    note: str | None = Field(default=None, max_length=1000)


class CloseIn(BaseModel):
    outcome: str = Field(min_length=1, max_length=500)
