"""A message with two questions ("كيف بدفع الإيجار؟ وشو هو التأمين؟") gets both answers.

The NLU gives one intent for the whole message. The message is split into its questions; each is
matched against the articles of the NLU's likely topics, and a question whose best match is
another topic than the one answered is answered too.
"""

from __future__ import annotations

import re
from typing import Any

from actions.content import ContentLibrary
from actions.dialogue.history import intents_ranked
from actions.sections import best_of

# Questions end with "?" (Arabic "؟") or stand on their own line.
_QUESTION_END = re.compile(r"(?<=[?؟])\s*|\n+")
MIN_WORDS = 2
# The second topic must be among the NLU's first guesses for the whole message.
LIKELY = 5


def questions(text: str) -> list[str]:
    """The questions of a message, in order; one element for an ordinary message."""
    parts = [part.strip() for part in _QUESTION_END.split(text)]
    return [part for part in parts if len(part.split()) >= MIN_WORDS]


def second_topic(
    library: ContentLibrary, message: dict[str, Any], answered: str, language: str
) -> str | None:
    """The topic of another question in the message than the `answered` one, if there is one."""
    parts = questions(message.get("text") or "")
    if len(parts) < 2:
        return None
    topics = library.topics()
    candidates = [t for t in intents_ranked(message)[:LIKELY] if t in topics]
    if answered not in candidates:
        candidates.insert(0, answered)
    for part in parts:
        best = best_of(library, part, language, candidates)
        if best is not None and best[0] != answered:
            return best[0]
    return None
