"""Action calls as Rasa 3.6 posts them to the action server, built from a few facts."""

from __future__ import annotations

from typing import Any


def action_call(
    action: str,
    *,
    text: str = "",
    intent: str | None = None,
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    sender_id: str = "test-user",
) -> dict[str, Any]:
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.98} if intent else {},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    return {
        "next_action": action,
        "sender_id": sender_id,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender_id,
            "slots": {"language": None, "topic": None, **(slots or {})},
            "latest_message": latest_message,
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
            "latest_event_time": 1_700_000_000.0,
            "latest_input_channel": "rest",
        },
    }
