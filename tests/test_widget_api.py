"""What the web chat needs from the action server: its text, the glossary, feedback, the
orientation session's second language, and the demo page that embeds it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from actions.app import create_app
from actions.db.engine import build_engine, build_session_factory
from actions.db.models import ArticleFeedback, Ticket
from actions.services.counsellors import create_counsellor
from actions.settings import Settings
from tests.support.trackers import action_call, consented_slots, topic_event, user_event

ARABIC = re.compile(r"[\u0600-\u06FF]")
PASSWORD = "feedback reader password"


@pytest.fixture
def stack(database_url: str) -> Iterator[tuple[TestClient, sessionmaker[Session]]]:
    """The app on SQLite and on PostgreSQL, with one counsellor."""
    engine = build_engine(database_url)
    factory = build_session_factory(engine)
    create_counsellor(factory, "anna@lahti.example", PASSWORD)
    with TestClient(create_app(Settings(database_url=database_url, secret_key="k" * 48))) as client:
        yield client, factory
    engine.dispose()


def feedback_rows(factory: sessionmaker[Session]) -> list[ArticleFeedback]:
    with factory() as session:
        return list(session.scalars(select(ArticleFeedback)))


def test_feedback_is_stored_without_anything_about_the_resident(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    client, factory = stack
    for helpful in (True, False, False):
        body = {"topic": "deposit", "language": "ar", "helpful": helpful}
        assert client.post("/feedback", json=body).status_code == 201
    rows = feedback_rows(factory)
    assert [(r.topic, r.language, r.helpful) for r in rows] == [
        ("deposit", "ar", True),
        ("deposit", "ar", False),
        ("deposit", "ar", False),
    ]
    token = client.post(
        "/api/auth/token", data={"username": "anna@lahti.example", "password": PASSWORD}
    ).json()["access_token"]
    totals = client.get("/api/feedback", headers={"Authorization": f"Bearer {token}"}).json()
    assert totals == [{"topic": "deposit", "language": "ar", "helpful": 1, "not_helpful": 2}]


@pytest.mark.parametrize(
    "body",
    [
        {"topic": "no_such_topic", "language": "fi", "helpful": True},
        {"topic": "deposit", "language": "sv", "helpful": True},
        {"topic": "deposit", "language": "fi"},
        {"topic": "deposit", "language": "fi", "helpful": True, "email": "a@b.fi"},
        {"topic": "x" * 20_000, "language": "fi", "helpful": True},
    ],
    ids=["unknown-topic", "unknown-language", "no-verdict", "extra-personal-field", "huge"],
)
def test_bad_feedback_is_refused_and_nothing_is_stored(
    stack: tuple[TestClient, sessionmaker[Session]], body: dict
) -> None:
    client, factory = stack
    response = client.post("/feedback", json=body)
    assert response.status_code == 422
    assert feedback_rows(factory) == []


def test_malformed_feedback_json_gets_a_clear_error(client: TestClient) -> None:
    response = client.post(
        "/feedback", content="{helpful: yes", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "json" in response.text.lower()


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_the_widget_text_is_complete_in_every_language(client: TestClient, language: str) -> None:
    strings = client.get(f"/widget/strings/{language}").json()
    assert strings["dir"] == ("rtl" if language == "ar" else "ltr")
    assert strings["languages"] == {"fi": "suomi", "en": "English", "ar": "العربية"}
    texts = {k: v for k, v in strings.items() if isinstance(v, str) and k not in ("lang", "dir")}
    assert len(texts) >= 30
    assert all(value and not value.startswith("widget.") for value in texts.values())
    assert "{date}" in strings["reviewed"]  # the widget fills in the date itself
    if language == "ar":
        assert ARABIC.search(strings["send"])


def test_unknown_widget_language_is_a_clear_404(client: TestClient) -> None:
    response = client.get("/widget/strings/sv")
    assert response.status_code == 404
    assert "fi, en or ar" in response.json()["detail"]


def test_the_glossary_explains_finnish_terms_in_english_and_arabic(client: TestClient) -> None:
    glossary = client.get("/widget/glossary").json()
    terms = {term["fi"]: term for term in glossary["terms"]}
    assert "vuokravakuus" in terms
    assert ARABIC.search(terms["vuokravakuus"]["ar"])
    assert "deposit" in terms["vuokravakuus"]["en"].lower()
    assert glossary["sources"]


@pytest.mark.parametrize("language", ["fi", "ar"])
def test_the_demo_page_embeds_the_widget_with_one_element_and_one_script(
    client: TestClient, language: str
) -> None:
    page = client.get(f"/?lang={language}").text
    assert page.count('id="housing-chat"') == 1
    assert page.count('<script src="/widget/housing-chat.js"') == 1
    assert 'data-rasa-url="http://127.0.0.1:5005"' in page
    assert f'lang="{language}"' in page
    assert client.get("/widget/housing-chat.js").status_code == 200
    assert client.get("/widget/housing-chat.css").status_code == 200


def test_other_sites_may_embed_the_widget_but_not_call_the_counsellor_api(
    client: TestClient,
) -> None:
    origin = {"Origin": "https://www.lahti.fi"}
    assert client.get("/widget/strings/fi", headers=origin).headers["access-control-allow-origin"]
    preflight = client.options(
        "/api/tickets",
        headers={
            **origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 400
    assert "access-control-allow-credentials" not in preflight.headers


def test_an_orientation_session_gets_each_answer_in_a_second_language(
    client: TestClient,
) -> None:
    call = action_call(
        "action_answer_topic",
        text="ما هي وديعة الضمان؟",
        intent="deposit",
        slots={"language": "ar"},
        metadata={"language": "ar", "companion_language": "fi"},
    )
    responses = client.post("/webhook", json=call).json()["responses"]
    companion = [
        m["custom"] for m in responses if (m.get("custom") or {}).get("type") == "companion"
    ]
    assert len(companion) == 1
    assert companion[0]["lang"] == "fi" and companion[0]["dir"] == "ltr"
    finnish = companion[0]["messages"]
    assert "vuokravakuus" in finnish[0]["text"].lower()
    assert finnish[0]["custom"]["lang"] == "fi" and finnish[0]["custom"]["topic"] == "deposit"
    arabic_text = next(m["text"] for m in responses if m.get("text"))
    assert ARABIC.search(arabic_text)


def test_without_orientation_there_is_no_second_language(client: TestClient) -> None:
    call = action_call("action_greet", slots={"language": "en"}, metadata={"language": "en"})
    responses = client.post("/webhook", json=call).json()["responses"]
    assert not [m for m in responses if m.get("custom")]


def test_a_switch_of_language_is_announced_to_the_client(client: TestClient) -> None:
    call = action_call(
        "action_change_language",
        text="تكلم عربي",
        intent="change_language",
        entities=[{"entity": "language", "value": "ar"}],
        slots={"language": "fi"},
    )
    responses = client.post("/webhook", json=call).json()["responses"]
    assert responses[0]["custom"] == {"type": "language", "lang": "ar", "dir": "rtl"}
    assert ARABIC.search(responses[1]["text"])


def test_the_second_language_of_a_handoff_never_stores_a_second_ticket(
    stack: tuple[TestClient, sessionmaker[Session]],
) -> None:
    client, factory = stack
    call = action_call(
        "action_handoff_submit",
        slots={"language": "ar", **consented_slots()},
        events=[topic_event("rent_arrears"), user_event("لا أستطيع دفع الإيجار")],
        metadata={"language": "ar", "companion_language": "fi"},
        sender_id="orientation-1",
    )
    responses = client.post("/webhook", json=call).json()["responses"]
    with factory() as session:
        tickets = list(session.scalars(select(Ticket)))
    assert len(tickets) == 1
    companion = next(
        m["custom"] for m in responses if (m.get("custom") or {}).get("type") == "companion"
    )
    assert tickets[0].reference in companion["messages"][0]["text"]
    assert not ARABIC.search(companion["messages"][0]["text"])
