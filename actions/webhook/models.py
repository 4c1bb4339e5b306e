"""The action-server contract as typed models, mirrored from rasa-sdk 3.6.2 (`types.py`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class TrackerState(BaseModel):
    """The tracker as Rasa serialises it; unknown keys are kept and handed to rasa-sdk."""

    model_config = ConfigDict(extra="allow")

    sender_id: str
    slots: dict[str, Any] = Field(default_factory=dict)
    latest_message: dict[str, Any] | None = None
    events: list[dict[str, Any]] = Field(default_factory=list)
    paused: bool = False
    followup_action: str | None = None
    active_loop: dict[str, Any] | None = None
    latest_action_name: str | None = None


class ActionCall(BaseModel):
    """What Rasa posts: which action to run, for whom, with the tracker and the domain."""

    next_action: str = Field(min_length=1)
    sender_id: str
    tracker: TrackerState
    domain: dict[str, Any] = Field(default_factory=dict)
    version: str


class ActionResult(BaseModel):
    """What Rasa expects back: events to apply and messages to send."""

    events: list[dict[str, Any]]
    responses: list[dict[str, Any]]


class ActionError(BaseModel):
    """The documented error body: 404 for an unknown action, 400 for a rejected or bad call."""

    error: str
    action_name: str | None = None
