"""Openers and follow-ups as residents type them, through the action-server webhook.

"Moi" is hello and bye in Finnish: at the start of a conversation it is a greeting. A follow-up
on the topic just answered is answered from that article's section about it, not with the same
summary again, and an unsure one stays in the current topic.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from actions.i18n.catalog import Translator
from tests.support.trackers import action_call, bot_event, topic_event, user_event

MOI = [
    {"name": "nlu_fallback", "confidence": 0.4},
    {"name": "goodbye", "confidence": 0.5},
    {"name": "greet", "confidence": 0.42},
]


def reply(client: TestClient, action: str, text: str, **call: Any) -> dict[str, Any]:
    response = client.post("/webhook", json=action_call(action, text=text, **call))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def texts(body: dict[str, Any]) -> list[str]:
    return [m["text"] for m in body["responses"] if m.get("text")]


def topics(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    customs = [m["custom"] for m in body["responses"] if m.get("custom")]
    return [(c["topic"], c.get("section")) for c in customs if c["type"] == "article"]


def test_moi_at_the_start_of_a_conversation_is_a_greeting(client: TestClient) -> None:
    body = reply(
        client, "action_default_fallback", "Moi", intent="nlu_fallback",
        slots={"language": "fi"}, parse_extras={"intent_ranking": MOI},
    )  # fmt: skip
    assert texts(body) == [Translator("fi").gettext("greet.welcome")]


def test_moi_later_in_the_conversation_is_a_goodbye(client: TestClient) -> None:
    body = reply(
        client, "action_default_fallback", "moi moi", intent="nlu_fallback",
        slots={"language": "fi"}, parse_extras={"intent_ranking": MOI},
        events=[user_event("kiitos"), bot_event("Ole hyvä!")],
    )  # fmt: skip
    assert texts(body) == [Translator("fi").gettext("goodbye.reply")]


def test_a_follow_up_is_answered_from_the_section_it_is_about(client: TestClient) -> None:
    body = reply(
        client, "action_answer_topic", "where do I send the form if I apply on paper?",
        intent="housing_allowance", slots={"language": "en", "topic": "housing_allowance"},
        events=[topic_event("housing_allowance")],
    )  # fmt: skip
    assert topics(body) == [("housing_allowance", "How to apply")]


def test_an_unsure_follow_up_stays_in_the_current_topic(client: TestClient) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "goodbye", "confidence": 0.15},
        {"name": "greet", "confidence": 0.14},
    ]
    body = reply(
        client, "action_default_fallback", "where do I send the form?", intent="nlu_fallback",
        slots={"language": "en", "topic": "housing_allowance"},
        parse_extras={"intent_ranking": ranking}, events=[topic_event("housing_allowance")],
    )  # fmt: skip
    assert topics(body) == [("housing_allowance", "How to apply")]
