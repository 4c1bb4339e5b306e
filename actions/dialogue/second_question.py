"""A message with two questions ("كيف بدفع الإيجار؟ وشو هو التأمين؟") gets both answers.

The NLU gives one intent for the whole message. The message is split into its questions; each is
matched against the articles of the NLU's likely topics. A question the answered article matches
best is the one already answered; another question is answered too, by the topic the NLU ranks
highest among the articles it matches nearly as well as its best (word counts alone mistake "give
notice on my lease" for the separation article, which also talks of notice and leases).
"""

from __future__ import annotations

import re
from typing import Any

from actions.content import ContentLibrary
from actions.dialogue.history import intents_ranked
from actions.language import looks_pasted
from actions.sections import MIN_SCORE, article_scores

# Questions end with "?" (Arabic "؟") or stand on their own line.
_QUESTION_END = re.compile(r"(?<=[?؟])\s*|\n+")
MIN_WORDS = 2
# The second topic must be among the NLU's first guesses for the whole message.
LIKELY = 5
# An article matching a question at least this share of its best match is nearly as good.
NEARLY_AS_GOOD = 0.6


def questions(text: str) -> list[str]:
    """The questions of a message, in order; one element for an ordinary message."""
    parts = [part.strip() for part in _QUESTION_END.split(text)]
    return [part for part in parts if len(part.split()) >= MIN_WORDS]


def second_topic(
    library: ContentLibrary, message: dict[str, Any], answered: str, language: str
) -> str | None:
    """The topic of another question in the message than the `answered` one, if there is one.

    A pasted letter is not a list of questions: its lines ("Vuokranantaja: Lahden Talot Oy") would
    each match some other article."""
    text = message.get("text") or ""
    if looks_pasted(text):
        return None
    parts = questions(text)
    if len(parts) < 2:
        return None
    topics = library.topics()
    candidates = [t for t in intents_ranked(message)[:LIKELY] if t in topics]
    if answered not in candidates:
        candidates.insert(0, answered)
    for part in parts:
        scores = article_scores(library, part, language, candidates)
        other = _likeliest_other_match(scores, answered)
        if other is not None:
            return other
    return None


def _likeliest_other_match(scores: dict[str, float], answered: str) -> str | None:
    """The topic (other than `answered`) of one question; `scores` is in the NLU's order."""
    best = max(scores.values(), default=0.0)
    if best < MIN_SCORE or scores.get(answered, 0.0) >= best:
        return None
    near = [t for t, s in scores.items() if t != answered and s >= NEARLY_AS_GOOD * best]
    return near[0] if near else None
