"""What a conversation has been about, read from Rasa's events: topics, the resident's words."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker

from actions.dialogue.handoff_slots import REQUESTED_SLOT
from actions.privacy.redaction import redact
from actions.topics import NEVER_OVERRIDDEN

FALLBACK_INTENT = "nlu_fallback"
# The topic last answered (an article id); every answer sets it, so its events are the history.
TOPIC_SLOT = "topic"
MAX_TRANSCRIPT_MESSAGES = 60


def topics_discussed(tracker: Tracker) -> list[str]:
    """Topics answered in this conversation, in order, each once."""
    seen: list[str] = []
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == TOPIC_SLOT:
            value = event.get("value")
            if value and value not in seen:
                seen.append(value)
    return seen


# A topic the NLU ranked among its first guesses for a message that asked for a person.
MENTIONED_CONFIDENCE = 0.2
MENTIONED_RANK = 3
HANDOFF_REQUEST = "human_handoff"


def topics_mentioned(tracker: Tracker, content_topics: frozenset[str]) -> list[str]:
    """Topics answered, or, when none was ("sain haasteen, haluan puhua jonkun kanssa" goes
    straight to the hand-off), those the NLU saw in the resident's messages: the counsellor
    needs the topic either way."""
    answered = topics_discussed(tracker)
    if answered:
        return answered
    seen: list[str] = []
    for event in tracker.events:
        parse = event.get("parse_data") or {}
        if event.get("event") != "user" or str(event.get("text") or "").startswith("/"):
            continue
        if not _asks_for_a_person(parse):
            continue  # only the request itself; answers to the form's questions are not topics
        for entry in ranking(parse)[:MENTIONED_RANK]:
            name = entry.get("name")
            confident = float(entry.get("confidence") or 0) >= MENTIONED_CONFIDENCE
            # An emergency is never inferred from a runner-up: it must have been answered.
            urgent = name in NEVER_OVERRIDDEN
            if name in content_topics and confident and not urgent and name not in seen:
                seen.append(str(name))
                break
    return seen


def _asks_for_a_person(parse: dict[str, Any]) -> bool:
    """The message was the hand-off request, also when the NLU was unsure between the request
    and a topic ("käräjäoikeudesta tuli haaste..., voisko joku neuvoja auttaa")."""
    intent = (parse.get("intent") or {}).get("name")
    if intent == HANDOFF_REQUEST:
        return True
    return intent == FALLBACK_INTENT and HANDOFF_REQUEST in intents_ranked(parse)[:2]


def user_texts(tracker: Tracker) -> list[str]:
    return [
        str(e.get("text"))
        for e in tracker.events
        if e.get("event") == "user" and e.get("text") and not str(e.get("text")).startswith("/")
    ]


def transcript(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation as the counsellor may read it (only with consent), redacted."""
    lines = [
        {
            "from": "resident" if event["event"] == "user" else "bot",
            "text": redact(str(event["text"])),
            "at": datetime.fromtimestamp(event.get("timestamp") or 0, timezone.utc).isoformat(),
        }
        for event in tracker.events
        if event.get("event") in ("user", "bot") and event.get("text")
    ]
    return lines[-MAX_TRANSCRIPT_MESSAGES:]


def question_answered(tracker: Tracker) -> str | None:
    """The hand-off question that was waiting when the resident wrote the latest message.

    Later actions of the same turn see the next question in `requested_slot` already.
    """
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    asked = None
    for event in events[: last_user + 1]:
        if event.get("event") == "slot" and event.get("name") == REQUESTED_SLOT:
            asked = event.get("value")
        elif event.get("event") == "active_loop" and not event.get("name"):
            asked = None
    return asked


def ranking(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The NLU's intents with confidences, most likely first, without the "unsure" marker the
    fallback adds."""
    entries = message.get("intent_ranking") or []
    return [e for e in entries if e.get("name") not in (FALLBACK_INTENT, None)]


def intents_ranked(message: dict[str, Any]) -> list[str]:
    return [str(entry["name"]) for entry in ranking(message)]
