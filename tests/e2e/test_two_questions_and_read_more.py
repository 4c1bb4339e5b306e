"""A message with two questions gets both answers; the whole article ends with a next step."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import is_arabic, new_sender
from tests.support.servers import RunningBot

pytestmark = pytest.mark.e2e

TWO_QUESTIONS = {
    "ar": ("كيف بدفع الإيجار؟ وشو هو التأمين؟", {"rent_payment", "deposit"}),
    "fi": ("Milloin vuokra pitää maksaa? Entä saanko vakuuden takaisin kun muutan?",
           {"rent_payment", "deposit"}),
    "en": ("How do I apply for housing allowance? And how do I give notice on my lease?",
           {"housing_allowance", "ending_lease"}),
}  # fmt: skip


def topics_answered(messages: list[dict]) -> set[str]:
    return {m["custom"]["topic"] for m in messages if m.get("custom", {}).get("type") == "article"}


@pytest.mark.parametrize("language", sorted(TWO_QUESTIONS))
def test_both_questions_of_one_message_are_answered(bot: RunningBot, language: str) -> None:
    message, topics = TWO_QUESTIONS[language]
    replies = bot.say(new_sender(), message, language=language)
    assert topics_answered(replies) == topics


@pytest.mark.parametrize(
    ("language", "question", "counsellor"),
    [
        ("fi", "Mitä vuokravakuudesta pitää tietää?", "Pyydä asumisneuvojaa soittamaan"),
        ("en", "How do I get my deposit back?", "Ask a counsellor to call you"),
        ("ar", "كيف أسترجع مبلغ التأمين؟", "اطلب أن يتصل بك مستشار سكن"),
    ],
)
def test_read_more_ends_with_related_topics_and_a_counsellor(
    bot: RunningBot, language: str, question: str, counsellor: str
) -> None:
    sender = new_sender()
    bot.say(sender, question, language=language)
    replies = bot.say(sender, "/read_more")
    last = replies[-1]
    titles = [button["title"] for button in last.get("buttons", [])]
    assert titles[-1] == counsellor and len(titles) >= 2
    assert is_arabic(last["text"]) == (language == "ar")
