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
from actions.sections import MIN_SCORE, article_scores

# Questions end with "?" (Arabic "؟") or stand on their own line.
_QUESTION_END = re.compile(r"(?<=[?؟])\s*|\n+")
MIN_WORDS = 2
# The second topic must be among the NLU's first guesses for the whole message.
LIKELY = 5
# An article matching a question at least this share of the best match is a fair candidate.
NEARLY = 0.6


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
        chosen = _likeliest_other_match(library, part, language, candidates, answered)
        if chosen is not None:
            return chosen
    return None


def _likeliest_other_match(
    library: ContentLibrary, question: str, language: str, candidates: list[str], answered: str
) -> str | None:
    """The topic of one question when it is not the `answered` one: of the articles it matches
    nearly as well as the best one, the one the NLU found likeliest. Word overlap alone confuses
    neighbouring articles ("give notice on my lease" is in the separation article too); the
    NLU's ranking settles it."""
    scores = article_scores(library, question, language, candidates)
    best = max(scores.values(), default=0.0)
    if best < MIN_SCORE or scores.get(answered) == best:
        return None
    fair = [topic for topic in candidates if scores.get(topic, 0.0) >= NEARLY * best]
    return next(topic for topic in fair if topic != answered)
