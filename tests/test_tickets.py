"""Hand-off tickets: created by the resident's request, listed only for authenticated counsellors.

Every test here runs on SQLite and on PostgreSQL (the `database_url` fixture).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from actions.app import create_app
from actions.db.engine import build_engine, build_session_factory
from actions.services.counsellors import create_counsellor
from actions.settings import Settings
from tests.support.trackers import action_call, consented_slots, topic_event, user_event

PASSWORD = "correct horse battery staple"


@pytest.fixture
def db_client(database_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, secret_key="k" * 48)
    engine = build_engine(database_url)
    create_counsellor(build_session_factory(engine), "neuvoja@lahti.example", PASSWORD)
    engine.dispose()
    with TestClient(create_app(settings)) as client:
        yield client


def log_in(client: TestClient, password: str = PASSWORD) -> str:
    response = client.post(
        "/api/auth/token", data={"username": "neuvoja@lahti.example", "password": password}
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def hand_off(client: TestClient, language: str, sender: str = "resident-1") -> dict:
    call = action_call(
        "action_handoff_submit",
        slots={"language": language, "topic": "rent_arrears", **consented_slots()},
        sender_id=sender,
        events=[user_event("I cannot pay the rent"), topic_event("rent_arrears")],
    )
    response = client.post("/webhook", json=call)
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_handoff_stores_a_ticket_and_tells_its_reference(
    db_client: TestClient, language: str
) -> None:
    body = hand_off(db_client, language)
    payload = next(m["custom"] for m in body["responses"] if m.get("custom"))
    text = next(m["text"] for m in body["responses"] if m.get("text"))
    assert payload["type"] == "ticket"
    assert payload["reference"] in text

    headers = {"Authorization": f"Bearer {log_in(db_client)}"}
    tickets = db_client.get("/api/tickets", headers=headers).json()
    assert [(t["reference"], t["language"], t["topic"], t["status"]) for t in tickets] == [
        (payload["reference"], language, "rent_arrears", "new")
    ]


def test_references_are_distinct_and_unguessable(db_client: TestClient) -> None:
    references = {
        next(
            m["custom"]["reference"]
            for m in hand_off(db_client, "fi", f"s{i}")["responses"]
            if m.get("custom")
        )
        for i in range(20)
    }
    assert len(references) == 20
    assert all(len(r) == 9 and r[4] == "-" for r in references)


def test_ticket_list_answers_401_without_credentials(db_client: TestClient) -> None:
    hand_off(db_client, "en")
    response = db_client.get("/api/tickets")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("token", ["garbage", "eyJhbGciOiJIUzI1NiJ9.e30.forged"])
def test_ticket_list_answers_401_for_a_forged_token(db_client: TestClient, token: str) -> None:
    response = db_client.get("/api/tickets", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_wrong_password_gets_no_token(db_client: TestClient) -> None:
    response = db_client.post(
        "/api/auth/token", data={"username": "neuvoja@lahti.example", "password": "wrong"}
    )
    assert response.status_code == 401
    assert "access_token" not in response.json()


def test_health_reports_the_database(db_client: TestClient) -> None:
    assert db_client.get("/health").json() == {"status": "ok", "database": "up"}
