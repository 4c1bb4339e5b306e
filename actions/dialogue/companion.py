"""Orientation sessions: every answer also rendered in a second language, to read side by side.

A facilitator and a newcomer read the same answer together (for example Arabic and Finnish).
The web client asks for it with `metadata.companion_language`; the action renders its answer a
second time in that language, without side effects, and sends it as one `companion` payload.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.i18n.catalog import text_direction
from actions.language import supported_language

COMPANION_KEY = "companion_language"
_RENDERED_PARTS = ("text", "buttons", "custom")


def companion_language(tracker: Tracker, primary: str) -> str | None:
    """The second language the client asked for, if it is ours and differs from the first."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    requested = metadata.get(COMPANION_KEY)
    code = supported_language(requested) if isinstance(requested, str) else None
    return code if code and code != primary else None


def companion_payload(language: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The `companion` payload: the answer's messages (text, buttons, custom) in `language`."""
    return {
        "type": "companion",
        "lang": language,
        "dir": text_direction(language),
        "messages": [
            {part: message[part] for part in _RENDERED_PARTS if message.get(part)}
            for message in messages
        ],
    }
