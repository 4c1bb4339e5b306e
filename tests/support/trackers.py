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
    events: list[dict[str, Any]] | None = None,
    domain: dict[str, Any] | None = None,
    active_loop: dict[str, Any] | None = None,
    parse_extras: dict[str, Any] | None = None,
) -> dict[str, Any]:
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.98} if intent else {},
        "entities": entities or [],
        "metadata": metadata or {},
        **(parse_extras or {}),
    }
    return {
        "next_action": action,
        "sender_id": sender_id,
        "version": "3.6.21",
        "domain": domain or {},
        "tracker": {
            "sender_id": sender_id,
            "slots": {"language": None, "topic": None, **(slots or {})},
            "latest_message": latest_message,
            "events": events or [],
            "paused": False,
            "followup_action": None,
            "active_loop": active_loop or {},
            "latest_action_name": "action_listen",
            "latest_event_time": 1_700_000_000.0,
            "latest_input_channel": "rest",
        },
    }


def user_event(text: str, timestamp: float = 1_700_000_000.0) -> dict[str, Any]:
    return {"event": "user", "text": text, "timestamp": timestamp, "parse_data": {}}


def bot_event(text: str, timestamp: float = 1_700_000_001.0) -> dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": timestamp}


def topic_event(topic: str) -> dict[str, Any]:
    return {"event": "slot", "name": "topic", "value": topic, "timestamp": 1_700_000_000.5}


def consented_slots(**overrides: Any) -> dict[str, Any]:
    """The hand-off form's slots as a resident who agreed would leave them."""
    return {
        "handoff_consent": True,
        "contact_method": "sms",
        "contact_value": "+358401234567",
        "preferred_time": "morning",
        "preferred_period": "morning",
        "handoff_language": "ar",
        "interpreter_language": "ar",
        "handoff_description": "my landlord sent court papers",
        "handoff_confirm": True,
        **overrides,
    }
