"""The action-server HTTP contract, posted as raw JSON the way Rasa 3.6 posts it."""

from __future__ import annotations

import json
import zlib

import pytest
from fastapi.testclient import TestClient

from tests.support.trackers import action_call


def messages_of(response_json: dict) -> tuple[list[str], list[dict]]:
    texts = [m["text"] for m in response_json["responses"] if m.get("text")]
    payloads = [m["custom"] for m in response_json["responses"] if m.get("custom")]
    return texts, payloads


def test_unknown_action_answers_404_with_the_documented_body(client: TestClient) -> None:
    response = client.post("/webhook", json=action_call("action_does_not_exist"))
    assert response.status_code == 404
    body = response.json()
    assert body["action_name"] == "action_does_not_exist"
    assert "action_does_not_exist" in body["error"]


@pytest.mark.parametrize(
    "raw_body",
    ["{not json", "", "[]", json.dumps({"next_action": "action_greet"})],
    ids=["malformed", "empty", "not-an-object", "missing-fields"],
)
def test_bad_bodies_get_a_clear_400(client: TestClient, raw_body: str) -> None:
    response = client.post(
        "/webhook", content=raw_body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("Invalid body request")


def test_missing_field_is_named_in_the_error(client: TestClient) -> None:
    call = action_call("action_greet")
    del call["tracker"]
    response = client.post("/webhook", json=call)
    assert response.status_code == 400
    assert "tracker" in response.json()["error"]


def test_deflated_call_from_rasa_is_understood(client: TestClient) -> None:
    body = zlib.compress(json.dumps(action_call("action_greet", slots={"language": "en"})).encode())
    response = client.post(
        "/webhook",
        content=body,
        headers={"content-type": "application/json", "content-encoding": "deflate"},
    )
    assert response.status_code == 200
    assert "housing" in messages_of(response.json())[0][0].lower()


def test_session_start_takes_the_language_from_client_metadata(client: TestClient) -> None:
    call = action_call(
        "action_session_start", slots={"session_started_metadata": {"language": "ar"}}
    )
    events = client.post("/webhook", json=call).json()["events"]
    assert events[0]["event"] == "session_started"
    assert {"event": "slot", "name": "language", "value": "ar"}.items() <= events[1].items()
    assert events[-1] == {**events[-1], "event": "action", "name": "action_listen"}


def test_session_start_ignores_an_unsupported_language(client: TestClient) -> None:
    call = action_call(
        "action_session_start", slots={"session_started_metadata": {"language": "de"}}
    )
    events = client.post("/webhook", json=call).json()["events"]
    assert not [e for e in events if e["event"] == "slot"]


@pytest.mark.parametrize(
    ("language", "expected_word"), [("fi", "asumis"), ("en", "housing"), ("ar", "السكن")]
)
def test_greeting_is_in_the_conversation_language(
    client: TestClient, language: str, expected_word: str
) -> None:
    call = action_call("action_greet", text="hi", intent="greet", slots={"language": language})
    texts, _ = messages_of(client.post("/webhook", json=call).json())
    assert expected_word in texts[0].lower()


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
@pytest.mark.parametrize("topic", ["rent_arrears", "housing_allowance", "deposit"])
def test_topic_answer_is_the_article_in_the_conversation_language(
    client: TestClient, topic: str, language: str
) -> None:
    call = action_call(
        "action_answer_topic", text="question", intent=topic, slots={"language": language}
    )
    body = client.post("/webhook", json=call).json()
    texts, payloads = messages_of(body)
    assert texts and len(texts[0]) > 80
    article = payloads[0]
    assert (article["type"], article["topic"], article["lang"]) == ("article", topic, language)
    assert article["dir"] == ("rtl" if language == "ar" else "ltr")
    assert article["sources"] and all(s["url"].startswith("http") for s in article["sources"])
    slots = {e["name"]: e["value"] for e in body["events"] if e["event"] == "slot"}
    assert slots["topic"] == topic
    assert slots["handoff_offered"] is (topic == "rent_arrears")  # a counsellor is offered


def test_a_message_clearly_in_another_language_switches_the_answer(client: TestClient) -> None:
    call = action_call(
        "action_answer_topic",
        text="ما قدرت ادفع الايجار هذا الشهر",
        intent="rent_arrears",
        slots={"language": "fi"},
    )
    body = client.post("/webhook", json=call).json()
    assert messages_of(body)[1][0]["lang"] == "ar"
    assert {"event": "slot", "name": "language", "value": "ar"}.items() <= body["events"][0].items()


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ma 3indi masari lal ijar", "rent_arrears"),
        # lingua takes this one for English, with high confidence
        ("law bedi atla3 men el bet abkar, kam shahr lazem a5aber sa7eb el bet?", "ending_lease"),
    ],
)
def test_a_message_the_nlu_read_as_arabizi_is_answered_in_arabic(
    client: TestClient, text: str, intent: str
) -> None:
    call = action_call(
        "action_answer_topic", text=text, intent=intent, parse_extras={"arabizi": True}
    )
    body = client.post("/webhook", json=call).json()
    assert messages_of(body)[1][0]["lang"] == "ar"


def test_without_the_arabizi_mark_latin_letters_are_not_taken_for_arabic(
    client: TestClient,
) -> None:
    call = action_call(
        "action_answer_topic", text="ma 3indi masari lal ijar", intent="rent_arrears"
    )
    body = client.post("/webhook", json=call).json()
    assert messages_of(body)[1][0]["lang"] != "ar"


@pytest.mark.parametrize("text", ["ok", "kiitos", "Kela"])
def test_short_messages_never_flip_the_language(client: TestClient, text: str) -> None:
    call = action_call("action_thanks", text=text, intent="thanks", slots={"language": "ar"})
    body = client.post("/webhook", json=call).json()
    assert not [e for e in body["events"] if e.get("name") == "language"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in messages_of(body)[0][0])


def test_actions_endpoint_lists_every_action_the_domain_needs(client: TestClient) -> None:
    import yaml

    with open("bot/domain.yml", encoding="utf-8") as handle:
        domain_actions = set(yaml.safe_load(handle)["actions"])
    served = {a["name"] for a in client.get("/actions").json()}
    assert domain_actions <= served


def test_nonsense_in_the_same_script_does_not_switch_the_language(client: TestClient) -> None:
    call = action_call(
        "action_default_fallback",
        text="qwv brrzt plonk",
        intent="nlu_fallback",
        slots={"language": "en"},
    )
    body = client.post("/webhook", json=call).json()
    assert not [e for e in body["events"] if e.get("name") == "language"]


def test_a_second_miss_in_a_row_starts_the_handoff_form(client: TestClient) -> None:
    from tests.support.trackers import bot_event, user_event

    history = [
        user_event("zzqx vlorp"),
        {"event": "action", "name": "action_default_fallback"},
        bot_event("Sorry, I did not understand."),
        {"event": "action", "name": "action_listen"},
        user_event("qwv brrzt plonk"),
    ]
    call = action_call(
        "action_default_fallback", text="qwv brrzt plonk", intent="nlu_fallback",
        slots={"language": "en"}, events=history,
    )  # fmt: skip
    body = client.post("/webhook", json=call).json()
    assert {"event": "followup", "name": "handoff_form"}.items() <= body["events"][-1].items()


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_the_web_client_can_read_a_whole_article(client: TestClient, language: str) -> None:
    article = client.get(f"/articles/{language}/eviction").json()
    assert (article["topic"], article["lang"]) == ("eviction", language)
    assert "## " in article["body"] and article["sources"]


def test_an_unknown_article_or_language_is_a_404(client: TestClient) -> None:
    assert client.get("/articles/de/eviction").status_code == 404
    assert client.get("/articles/fi/pets").status_code == 404
