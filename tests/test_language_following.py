"""Which language the bot answers in, as newcomers write: Finnish terms inside Arabic and English,
pasted Finnish letters, contact details, requests in dialect, orientation sessions."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from actions.glossary import load_glossary
from actions.language import LanguageIdentifier
from tests.support.trackers import action_call

GLOSSARY = load_glossary(Path(__file__).resolve().parents[1] / "content")
IDENTIFIER = LanguageIdentifier(finnish_terms=tuple(s for t in GLOSSARY.terms for s in t.match))
LETTER = (
    "Maksumuistutus\nVuokranantaja: Lahden Talot Oy\nVuokra 3/2025: 612,40 €\n"
    "Eräpäivä: 2.3.2025\nPyydämme maksamaan avoimen summan 14 päivän kuluessa."
)


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("كيف أقدم على toimeentulotuki؟", "ar"),
        ("وين بلاقي ورقة vuokrasopimus؟", "ar"),
        ("Kela رفضت طلب asumistuki تبعي", "ar"),
        ("How do I apply for toimeentulotuki and asumistuki from Kela?", "en"),
        ("my vuokranantaja keeps the vakuus, what can I do", "en"),
        ("I am a student in Lahti, can I get opintotuen asumislisä for my flat", "en"),
        ("mun kämppis haluaa lähteä, voinko mä jäädä asuntoon yksin", "fi"),
        (LETTER, "ar"),
        (LETTER, "en"),
        ("Rania.Haddad@example.com", "ar"),
        ("matti.meikalainen@example.fi", "en"),
    ],
)
def test_finnish_words_letters_and_addresses_never_switch_the_conversation(
    text: str, current: str
) -> None:
    assert IDENTIFIER.switch_to(text, current) is None


@pytest.mark.parametrize(
    ("text", "current", "switched"),
    [
        ("En pysty maksamaan tämän kuun vuokraa ja pelkään että minut häädetään", "en", "fi"),
        ("I cannot pay my rent this month, what should I do", "fi", "en"),
        ("ما عندي مصاري لدفع الإيجار هالشهر", "fi", "ar"),
        ("Voitko vastata suomeksi, haluan lukea tämän suomeksi", "en", "fi"),
        ("sorry I don't understand finnish, can you answer in english please", "fi", "en"),
    ],
)
def test_a_message_clearly_in_another_language_still_switches_it(
    text: str, current: str, switched: str
) -> None:
    assert IDENTIFIER.switch_to(text, current) == switched


def answer_language(client: TestClient, text: str, **call: object) -> str:
    response = client.post("/webhook", json=action_call("action_greet", text=text, **call))
    customs = [m["custom"] for m in response.json()["responses"] if m.get("custom")]
    languages = [c["lang"] for c in customs if c["type"] == "language"]
    return languages[0] if languages else "unchanged"


def test_a_facilitator_typing_finnish_keeps_the_arabic_conversation(client: TestClient) -> None:
    metadata = {"language": "ar", "companion_language": "fi"}
    text = "Mitä tarkoittaa vuokravakuus ja kuinka suuri se voi olla?"
    assert answer_language(client, text, slots={"language": "ar"}, metadata=metadata) == (
        "unchanged"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("بدي احكي انجليزي", "en"),
        ("ممكن نحكي فنلندي؟", "fi"),
        ("voidaanko puhua englantia", "en"),
        ("momken n7ki english", "en"),
        ("can we speak finnish", "fi"),
    ],
)
def test_a_language_named_in_dialect_switches_at_once(
    client: TestClient, text: str, language: str
) -> None:
    call = {"intent": "change_language", "slots": {"language": "ar" if language != "ar" else "fi"}}
    response = client.post(
        "/webhook", json=action_call("action_change_language", text=text, **call)
    )
    markers = [m["custom"] for m in response.json()["responses"] if m.get("custom")]
    assert markers[0] == {"type": "language", "lang": language, "dir": "ltr"}
