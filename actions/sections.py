"""Find the part of the content a text is about: the section of an article, or the article.

"entä jos vuokranantaja ei vastaa?" after the repairs answer, or "where do I send the form?"
after the housing-allowance answer, should not get the same summary again: the article's
"## " sections are ranked against the question with BM25 over Snowball stems of the article's
language, and the best one is the answer. A letter pasted into the chat is matched the same
way against every article written in the letter's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import snowballstemmer
from rank_bm25 import BM25Okapi

from actions.content import Article, ContentLibrary
from actions.handoff.phrases import fold

_HEADING = re.compile(r"^## +(.+)$", re.MULTILINE)
_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMERS = {"en": "english", "ar": "arabic"}
FINNISH_PREFIX = 5
# The heading says what a section is about; it counts as much as this many repetitions.
HEADING_WEIGHT = 5
# Below this score no section is about the question.
MIN_SCORE = 1.0
# A first question is answered from one section when it matches it this clearly.
FOCUS_SCORE = 3.0
FOCUS_MARGIN = 2.0
# A pasted letter is about one article when its score is this many times the next one's.
CLEAR_MARGIN = 1.3


@dataclass(frozen=True)
class Section:
    heading: str
    body: str

    @property
    def markdown(self) -> str:
        return f"## {self.heading}\n\n{self.body}"


def sections(article: Article) -> tuple[Section, ...]:
    """The article's "## " sections (the short chat answer before them is not one)."""
    parts = _HEADING.split(article.body)
    return tuple(
        Section(heading.strip(), body.strip())
        for heading, body in zip(parts[1::2], parts[2::2], strict=True)
    )


def stems(text: str, language: str) -> list[str]:
    """Stemmed, folded words: people type without ä, ö and hamza, the articles have them.

    Finnish words are cut to their first letters instead: Snowball's Finnish stems of one word's
    forms often differ ("hakemus" / "hakemuks-een"), its first five letters seldom do.
    """
    found = [word for word in _WORD.findall(text.lower()) if not word.isdigit()]
    if language == "fi":
        return [fold(word)[:FINNISH_PREFIX] for word in found]
    stemmer = snowballstemmer.stemmer(_STEMMERS.get(language, "english"))
    return [fold(stem) for stem in stemmer.stemWords(found)]


@dataclass(frozen=True)
class _Index:
    sections: tuple[Section, ...]
    bm25: BM25Okapi


@cache
def _index(article: Article) -> _Index | None:
    found = sections(article)
    if not found:
        return None
    documents = [
        stems(f"{(s.heading + ' ') * HEADING_WEIGHT}{s.body}", article.language) for s in found
    ]
    return _Index(found, BM25Okapi(documents))


def best_section(
    article: Article, question: str, minimum: float | None = None
) -> tuple[Section, float] | None:
    """The section that answers `question` best, with its score; None if none is about it.

    `minimum`: the score a section needs (default `MIN_SCORE`); 0 takes any word in common.
    """
    index = _index(article)
    query = stems(question, article.language)
    if index is None or not query:
        return None
    scores = index.bm25.get_scores(query)
    best = max(range(len(scores)), key=lambda i: scores[i])
    if scores[best] <= 0 or scores[best] < (MIN_SCORE if minimum is None else minimum):
        return None
    return index.sections[best], float(scores[best])


@cache
def clear_section(article: Article, question: str) -> Section | None:
    """The section a first question is plainly about ("where do I take cardboard?" and the
    waste section), or None: then the article's short answer is the better reply."""
    index = _index(article)
    if index is None or len(index.sections) < 2:
        return None
    scores = index.bm25.get_scores(stems(question, article.language))
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    best, second = scores[ranked[0]], scores[ranked[1]]
    clear = best >= FOCUS_SCORE and best >= FOCUS_MARGIN * max(second, 0.0)
    return index.sections[ranked[0]] if clear else None


@cache
def _library_index(library: ContentLibrary, language: str) -> tuple[tuple[str, ...], BM25Okapi]:
    topics = tuple(sorted(library.topics()))
    articles = [library.get(topic, language) for topic in topics]
    documents = [stems(f"{a.title} {a.body}", language) if a else [] for a in articles]
    return topics, BM25Okapi(documents)


def rank_articles(library: ContentLibrary, text: str, language: str) -> list[str]:
    """Topics by how much their article in `language` a long text (a pasted letter) is about,
    best first, only those sharing words with it."""
    topics, bm25 = _library_index(library, language)
    scores = bm25.get_scores(stems(text, language))
    ranked = sorted(zip(topics, scores, strict=True), key=lambda pair: -pair[1])
    return [topic for topic, score in ranked if score >= MIN_SCORE]


def clear_winner(library: ContentLibrary, text: str, language: str) -> str | None:
    """The one article a long text is about, when it stands out from the next one."""
    topics, bm25 = _library_index(library, language)
    scores = sorted(zip(bm25.get_scores(stems(text, language)), topics, strict=True), reverse=True)
    if len(scores) < 2 or scores[0][0] < MIN_SCORE:
        return None
    return scores[0][1] if scores[0][0] >= CLEAR_MARGIN * scores[1][0] else None


def article_scores(
    library: ContentLibrary, text: str, language: str, candidates: Iterable[str]
) -> dict[str, float]:
    """How much `text` is about each of the `candidates` topics' articles (BM25), by topic."""
    topics, bm25 = _library_index(library, language)
    scores = dict(zip(topics, bm25.get_scores(stems(text, language)), strict=True))
    return {topic: float(scores[topic]) for topic in candidates if topic in scores}
