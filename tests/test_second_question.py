"""Splitting a message into its questions and finding the topic of the second one."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.content import ContentLibrary
from actions.dialogue.second_question import questions, second_topic

LIBRARY = ContentLibrary.load(Path(__file__).resolve().parent.parent / "content")


def message(text: str, *ranked: str) -> dict:
    return {"text": text, "intent_ranking": [{"name": n, "confidence": 0.5} for n in ranked]}


def test_a_message_is_split_at_its_question_marks() -> None:
    assert questions("كيف بدفع الإيجار؟ وشو هو التأمين؟") == [
        "كيف بدفع الإيجار؟",
        "وشو هو التأمين؟",
    ]


def test_one_question_with_a_sentence_before_it_stays_one() -> None:
    assert len(questions("Mulla on vuokrarästiä. Mitä mä teen?")) == 1


@pytest.mark.parametrize(
    ("language", "text", "answered", "second"),
    [
        ("ar", "كيف بدفع الإيجار؟ وشو هو التأمين؟", "deposit", "rent_payment"),
        ("fi", "Milloin vuokra pitää maksaa? Entä saanko vakuuden takaisin?", "rent_payment",
         "deposit"),
        ("en", "How do I apply for housing allowance? How do I give notice?", "housing_allowance",
         "ending_lease"),
    ],
)  # fmt: skip
def test_the_second_question_gets_its_own_topic(
    language: str, text: str, answered: str, second: str
) -> None:
    ranked = message(text, answered, second, "repairs")
    assert second_topic(LIBRARY, ranked, answered, language) == second


def test_a_question_is_answered_by_the_likeliest_of_nearly_equal_articles() -> None:
    # "notice" and "lease" also fill the separation article; the NLU knows it is ending a lease.
    text = "How do I apply for housing allowance? And how do I give notice on my lease?"
    ranked = message(text, "housing_allowance", "ending_lease", "separation_or_death")
    assert second_topic(LIBRARY, ranked, "housing_allowance", "en") == "ending_lease"


def test_two_questions_on_one_topic_get_one_answer() -> None:
    text = "How much can the deposit be? When do I get the deposit back?"
    assert second_topic(LIBRARY, message(text, "deposit", "rent_payment"), "deposit", "en") is None


def test_a_single_question_has_no_second_topic() -> None:
    text = "How do I pay the rent?"
    assert (
        second_topic(LIBRARY, message(text, "rent_payment", "deposit"), "rent_payment", "en")
        is None
    )


def test_a_pasted_letter_has_no_second_topic() -> None:
    letter = (
        "Maksumuistutus\nVuokranantaja: Lahden Talot Oy\nVuokra 11/2026: 640,00 €\n"
        "Eräpäivä: 2.11.2026\nPyydämme maksamaan 14 päivän kuluessa.\nmitä tää tarkottaa"
    )
    ranked = message(letter, "rent_arrears", "student_housing", "rent_payment")
    assert second_topic(LIBRARY, ranked, "rent_arrears", "fi") is None
