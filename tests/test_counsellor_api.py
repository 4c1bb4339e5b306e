"""Counsellors work tickets through /api: every change audited, nothing open to anonymous calls.

Runs on SQLite and on PostgreSQL (the `database_url` fixture).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from actions.app import create_app
from actions.db.engine import build_engine, build_session_factory
from actions.db.models import Role, Ticket, Urgency
from actions.services.counsellors import create_counsellor
from actions.services.tickets import TicketRequest, create_ticket
from actions.settings import Settings

PASSWORD = "correct horse battery staple"


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = build_engine(database_url)
    sessions = build_session_factory(engine)
    create_counsellor(sessions, "anna@lahti.example", PASSWORD)
    create_counsellor(sessions, "pekka@lahti.example", PASSWORD)
    create_counsellor(sessions, "admin@lahti.example", PASSWORD, Role.ADMIN)
    yield sessions
    engine.dispose()


@pytest.fixture
def client(database_url: str, factory: sessionmaker[Session]) -> Iterator[TestClient]:
    with TestClient(
        create_app(Settings(database_url=database_url, secret_key="k" * 48))
    ) as test_client:
        yield test_client


def auth(client: TestClient, email: str) -> dict[str, str]:
    response = client.post("/api/auth/token", data={"username": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def new_ticket(factory: sessionmaker[Session], urgency: Urgency, language: str = "fi") -> str:
    request = TicketRequest(
        conversation_id="c",
        language=language,
        topic="rent_arrears",
        topics=["rent_arrears"],
        urgency=urgency,
        urgency_reasons=["several_months_of_arrears"] if urgency is Urgency.HIGH else [],
        deadlines=["2026-12-15"],
        amounts=["850.50"],
        arrears_months=3,
        contact_method="sms",
        contact_value="+358401234567",
        preferred_language="ar",
        interpreter_language="ar",
        preferred_time="afternoon",
        preferred_period="afternoon",
        description="kolme kuukautta rästissä",
    )
    return create_ticket(factory, request).reference


def test_the_list_puts_urgent_first_and_filters(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    normal = new_ticket(factory, Urgency.NORMAL, "en")
    emergency = new_ticket(factory, Urgency.EMERGENCY, "ar")
    high = new_ticket(factory, Urgency.HIGH)
    headers = auth(client, "anna@lahti.example")
    listed = client.get("/api/tickets", headers=headers).json()
    assert [t["reference"] for t in listed] == [emergency, high, normal]
    assert "contact_value" not in listed[0]  # the list shows no personal data
    arabic = client.get("/api/tickets", params={"language": "ar"}, headers=headers).json()
    assert [t["reference"] for t in arabic] == [emergency]
    high_only = client.get("/api/tickets", params={"urgency": "high"}, headers=headers).json()
    assert [t["reference"] for t in high_only] == [high]


def test_a_ticket_is_claimed_noted_contacted_and_closed_with_an_audit_trail(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    reference = new_ticket(factory, Urgency.HIGH)
    anna, admin = auth(client, "anna@lahti.example"), auth(client, "admin@lahti.example")

    claimed = client.post(f"/api/tickets/{reference}/claim", headers=anna).json()
    assert (claimed["status"], claimed["claimed_by"]) == ("claimed", "anna@lahti.example")
    client.post(
        f"/api/tickets/{reference}/notes", json={"body": "Soitettu, ei vastannut"}, headers=anna
    )
    attempt = {"method": "phone", "reached": False, "note": "ei vastausta"}
    client.post(f"/api/tickets/{reference}/contact-attempts", json=attempt, headers=anna)
    closed = client.post(
        f"/api/tickets/{reference}/close",
        json={"outcome": "maksusuunnitelma sovittu"},
        headers=anna,
    ).json()

    assert closed["status"] == "closed" and closed["outcome"] == "maksusuunnitelma sovittu"
    assert [n["body"] for n in closed["notes"]] == ["Soitettu, ei vastannut"]
    assert [(a["method"], a["reached"]) for a in closed["contact_attempts"]] == [("phone", False)]
    trail = client.get("/api/audit", params={"ticket": reference}, headers=admin).json()
    assert [e["action"] for e in reversed(trail)] == [
        "created", "claimed", "note_added", "contact_attempt", "closed"
    ]  # fmt: skip
    assert all(e["counsellor_id"] for e in trail if e["action"] != "created")


def test_the_detail_has_a_finnish_summary_for_triage(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    reference = new_ticket(factory, Urgency.HIGH)
    detail = client.get(f"/api/tickets/{reference}", headers=auth(client, "pekka@lahti.example"))
    summary = dict(detail.json()["summary_fi"])
    assert summary["Kiireellisyys"] == "Kiireellinen"
    assert summary["Kiireellisyyden syy"] == "useamman kuukauden vuokrarästit"
    assert summary["Summat"] == "850,50\xa0€"
    assert summary["Määräajat"] == "15. joulukuuta 2026"
    assert summary["Yhteydenotto"] == "Tekstiviesti: +358401234567"


def test_the_summary_says_when_to_call_and_which_interpreter_to_book(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    reference = new_ticket(factory, Urgency.NORMAL)
    detail = client.get(f"/api/tickets/{reference}", headers=auth(client, "anna@lahti.example"))
    summary = dict(detail.json()["summary_fi"])
    assert (summary["Toivottu aika"], summary["Tulkki"]) == ("Iltapäivällä", "arabia")


def test_someone_elses_ticket_cannot_be_taken_except_by_an_admin(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    reference = new_ticket(factory, Urgency.NORMAL)
    client.post(f"/api/tickets/{reference}/claim", headers=auth(client, "anna@lahti.example"))
    taken = client.post(
        f"/api/tickets/{reference}/claim", headers=auth(client, "pekka@lahti.example")
    )
    assert taken.status_code == 409
    by_admin = client.post(
        f"/api/tickets/{reference}/claim", headers=auth(client, "admin@lahti.example")
    )
    assert by_admin.json()["claimed_by"] == "admin@lahti.example"


def test_a_closed_ticket_stays_closed(client: TestClient, factory: sessionmaker[Session]) -> None:
    reference = new_ticket(factory, Urgency.NORMAL)
    anna = auth(client, "anna@lahti.example")
    client.post(f"/api/tickets/{reference}/close", json={"outcome": "ohjattu Kelaan"}, headers=anna)
    assert client.post(f"/api/tickets/{reference}/claim", headers=anna).status_code == 409
    assert client.get("/api/tickets/NOPE-NOPE", headers=anna).status_code == 404


def test_only_admins_read_the_audit_trail(client: TestClient) -> None:
    response = client.get("/api/audit", headers=auth(client, "anna@lahti.example"))
    assert response.status_code == 403


def test_every_api_route_rejects_anonymous_calls(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operations = [
        (method.upper(), re.sub(r"\{[^}]+\}", "ABCD-EFGH", path))
        for path, methods in paths.items()
        if path.startswith("/api")
        for method in methods
    ]
    assert len(operations) >= 8
    for method, path in operations:
        response = client.request(method, path)
        assert response.status_code == 401, (method, path, response.status_code)


def test_cookie_sessions_need_the_fetch_header_to_change_anything(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    reference = new_ticket(factory, Urgency.NORMAL)
    login = client.post(
        "/inbox/login",
        data={"email": "anna@lahti.example", "password": PASSWORD},
        follow_redirects=False,
    )
    assert login.status_code == 303
    assert "httponly" in login.headers["set-cookie"].lower()
    assert "samesite=strict" in login.headers["set-cookie"].lower()
    assert client.get("/api/tickets").status_code == 200  # the cookie is sent along
    assert client.post(f"/api/tickets/{reference}/claim").status_code == 401
    allowed = client.post(f"/api/tickets/{reference}/claim", headers={"X-Requested-With": "fetch"})
    assert allowed.status_code == 200


def test_fifty_concurrent_handoffs_store_fifty_distinct_tickets(
    factory: sessionmaker[Session],
) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        references = list(pool.map(lambda _: new_ticket(factory, Urgency.NORMAL), range(50)))
    assert len(set(references)) == 50
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 50
