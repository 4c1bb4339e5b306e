"""The resident's side of the hand-off, through the action-server webhook as Rasa calls it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from actions.app import create_app
from actions.db.engine import build_engine, build_session_factory
from actions.db.models import Ticket, Urgency
from actions.dialogue.handoff_slots import PERSONAL_SLOTS, RESUME, STEPS
from actions.settings import Settings
from tests.support.trackers import (
    action_call,
    bot_event,
    consented_slots,
    topic_event,
    user_event,
)

FORM_DOMAIN = {
    "forms": {"handoff_form": {"required_slots": [*STEPS, RESUME]}},
    "slots": {
        name: {"type": "any", "mappings": [{"type": "from_text"}]} for name in PERSONAL_SLOTS
    },
}


@pytest.fixture
def stack(database_url: str) -> Iterator[tuple[TestClient, sessionmaker[Session]]]:
    engine = build_engine(database_url)
    with TestClient(create_app(Settings(database_url=database_url, secret_key="k" * 48))) as client:
        yield client, build_session_factory(engine)
    engine.dispose()


def stored(factory: sessionmaker[Session]) -> list[Ticket]:
    with factory() as session:
        return list(session.scalars(select(Ticket)))


def submit(client: TestClient, language: str, slots: dict[str, Any], events: list) -> dict:
    call = action_call(
        "action_handoff_submit",
        slots={"language": language, **slots},
        events=events,
        sender_id="resident-7",
    )
    response = client.post("/webhook", json=call)
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_consented_handoff_stores_a_complete_ticket(
    stack: tuple[TestClient, sessionmaker[Session]], language: str
) -> None:
    client, factory = stack
    events = [
        user_event("vuokranantaja haki häätöä, käräjäoikeus 15.12. ja rästiä 850 euroa"),
        topic_event("eviction"),
        bot_event("Häätö..."),
        user_event("hetuni on 131052-308T"),
    ]
    body = submit(client, language, consented_slots(), events)
    [ticket] = stored(factory)
    payload = next(m["custom"] for m in body["responses"] if m.get("custom"))
    assert payload == {**payload, "type": "ticket", "reference": ticket.reference, "lang": language}
    assert ticket.reference in body["responses"][0]["text"]
    assert (ticket.contact_method, ticket.contact_value) == ("sms", "+358401234567")
    assert ticket.topics == ["eviction"] and ticket.urgency is Urgency.HIGH
    assert {"eviction", "court_or_enforcement"} <= set(ticket.urgency_reasons)
    assert ticket.amounts == ["850"] and ticket.deadlines[0].endswith("-12-15")
    assert (
        ticket.preferred_language == "ar" and ticket.description == "my landlord sent court papers"
    )
    assert ticket.contact_by is not None
    assert not any("131052-308T" in line["text"] for line in ticket.transcript or [])
    cleared = {e["name"] for e in body["events"] if e["event"] == "slot" and e["value"] is None}
    assert {"contact_value", "handoff_description", "handoff_consent"} <= cleared


def test_the_ticket_keeps_the_agreed_time_and_interpreter(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    client, factory = stack
    submit(client, "ar", consented_slots(), [user_event("اتصلوا الصبح")])
    [ticket] = stored(factory)
    assert (ticket.preferred_period, ticket.interpreter_language) == ("morning", "ar")


def test_homeless_emergency_makes_the_ticket_an_emergency(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    client, factory = stack
    events = [user_event("ei yöpaikkaa tänä yönä"), topic_event("homeless_emergency")]
    body = submit(client, "fi", consented_slots(), events)
    [ticket] = stored(factory)
    assert ticket.urgency is Urgency.EMERGENCY
    assert "112" in body["responses"][0]["text"]


def test_violence_at_home_makes_the_ticket_an_emergency(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    client, factory = stack
    events = [user_event("mies uhkailee mua kotona"), topic_event("domestic_violence")]
    submit(client, "fi", consented_slots(), events)
    [ticket] = stored(factory)
    assert (ticket.urgency, ticket.urgency_reasons) == (Urgency.EMERGENCY, ["violence_at_home"])


def test_a_request_that_names_its_matter_gives_the_ticket_that_topic(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    """Straight to the hand-off, no article answered: the NLU's runner-up topic is kept."""
    client, factory = stack
    request = user_event("sain haasteen käräjäoikeudesta, haluan puhua jonkun kanssa")
    request["parse_data"] = {
        "intent": {"name": "human_handoff", "confidence": 0.7},
        "intent_ranking": [
            {"name": "human_handoff", "confidence": 0.7},
            {"name": "court_enforcement", "confidence": 0.2},
        ],
    }
    submit(client, "fi", consented_slots(), [request])
    [ticket] = stored(factory)
    assert ticket.topics == ["court_enforcement"]


def test_an_unsure_request_still_gives_the_ticket_its_topic(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    """The NLU was unsure between the request and the topic; the form started all the same."""
    client, factory = stack
    request = user_event("käräjäoikeudesta tuli haaste, voisko joku neuvoja auttaa")
    request["parse_data"] = {
        "intent": {"name": "nlu_fallback", "confidence": 0.4},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.4},
            {"name": "court_enforcement", "confidence": 0.46},
            {"name": "human_handoff", "confidence": 0.45},
        ],
    }
    submit(client, "fi", consented_slots(), [request])
    [ticket] = stored(factory)
    assert ticket.topics == ["court_enforcement"]


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_declined_handoff_stores_nothing_and_gives_the_service_contacts(
    stack: tuple[TestClient, sessionmaker[Session]], language: str
) -> None:
    client, factory = stack
    slots = consented_slots(handoff_consent=False, contact_value=None, handoff_description=None)
    body = submit(client, language, slots, [user_event("no thanks")])
    assert stored(factory) == []
    text = body["responses"][0]["text"]
    assert "asumisneuvo@lahti.fi" in text and "112" in text
    assert [m["custom"] for m in body["responses"] if m.get("custom")] == [
        {"type": "handoff", "status": "declined"}
    ]


def validate(client: TestClient, slot: str, value: str, language: str = "en", **slots: Any) -> dict:
    call = action_call(
        "validate_handoff_form",
        text=value,
        slots={"language": language, "requested_slot": slot, "handoff_consent": True, **slots},
        events=[user_event(value), {"event": "slot", "name": slot, "value": value}],
        domain=FORM_DOMAIN,
        active_loop={"name": "handoff_form"},
    )
    response = client.post("/webhook", json=call)
    assert response.status_code == 200, response.text
    return response.json()


def slot_value(body: dict, name: str) -> Any:
    return next(e["value"] for e in body["events"] if e["event"] == "slot" and e["name"] == name)


@pytest.mark.parametrize(
    ("method", "answer", "expected"),
    [
        ("sms", "040 123 4567", "+358401234567"),
        ("phone", "050-123 4567", "+358501234567"),
        ("phone", "+358 3 819 4850", "+35838194850"),
        ("email", "Matti.Meikalainen@example.fi", "Matti.Meikalainen@example.fi"),
    ],
)
def test_valid_contact_details_are_normalised(
    stack: tuple[TestClient, sessionmaker[Session]], method: str, answer: str, expected: str
) -> None:
    client, _ = stack
    body = validate(client, "contact_value", answer, contact_method=method)
    assert slot_value(body, "contact_value") == expected


@pytest.mark.parametrize(
    ("language", "method", "answer", "hint"),
    [
        ("fi", "phone", "12345", "040 123 4567"),
        ("en", "sms", "03 819 4850", "mobile"),
        ("ar", "email", "matti@@example", "name@example.com"),
    ],
)
def test_invalid_contact_details_are_asked_again_with_an_example(
    stack: tuple[TestClient, sessionmaker[Session]],
    language: str,
    method: str,
    answer: str,
    hint: str,
) -> None:
    client, _ = stack
    body = validate(client, "contact_value", answer, language, contact_method=method)
    retries = slot_value(body, "handoff_retries")
    call = action_call(
        "action_ask_contact_value",
        slots={"language": language, "contact_method": method, "handoff_retries": retries},
    )
    asked_again = client.post("/webhook", json=call).json()
    assert hint in asked_again["responses"][0]["text"]


@pytest.mark.parametrize(
    ("answer", "expected"), [("tekstiviesti", "sms"), ("soittakaa", "phone"), ("ايميل", "email")]
)
def test_contact_methods_are_understood_in_every_language(
    stack: tuple[TestClient, sessionmaker[Session]], answer: str, expected: str
) -> None:
    client, _ = stack
    assert slot_value(validate(client, "contact_method", answer), "contact_method") == expected


def test_a_typed_number_at_the_method_question_fills_the_contact(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    client, _ = stack
    body = validate(client, "contact_method", "numero 045 111 2222, aamulla parhaiten", "fi")
    assert slot_value(body, "contact_value") == "+358451112222"
