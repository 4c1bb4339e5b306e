"""Typed conversations from tests/conversations/ (those marked `fast`), end to end.

Each is played through the real Rasa server and the real action server as the web widget would
send it, and every expectation of every turn is checked: the topic, the next hand-off question,
the reply language, the ticket stored (or not), no question asked more than three times in a row.
`make converse` plays the whole corpus and prints the figures.
"""

from __future__ import annotations

import pytest

from tests.support.corpus import Conversation, load_corpus, play
from tests.support.servers import RunningBot

pytestmark = pytest.mark.e2e
FAST = [c for c in load_corpus() if c.fast]


def test_the_fast_set_covers_every_language_and_the_hard_cases() -> None:
    for language in ("fi", "en", "ar"):
        mine = [c for c in FAST if c.corpus_language == language]
        assert len(mine) >= 5, language
        assert any(c.outcome == "no_ticket" for c in mine), language
        assert any(c.outcome == "ticket" for c in mine), language
        assert any(any(t.expect.get("emergency") for t in c.turns) for c in mine), language


@pytest.mark.parametrize("conversation", FAST, ids=[c.id for c in FAST])
def test_a_typed_conversation_goes_as_a_resident_expects(
    bot: RunningBot, conversation: Conversation
) -> None:
    result = play(bot, conversation)
    assert result.passed, "\n".join(result.all_failures())
