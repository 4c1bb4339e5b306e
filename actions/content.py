"""Curated articles from `content/<lang>/<topic>.md`: Markdown with YAML front matter.

The chat answer is the article's lead, the text before its first `## ` heading; the whole body
is the "read more" text for the web client.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import frontmatter
from pydantic import BaseModel, ConfigDict, HttpUrl, ValidationError

from actions.settings import SUPPORTED_LANGUAGES

_FIRST_SECTION = re.compile(r"^## ", re.MULTILINE)


class Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    url: HttpUrl


class Article(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    language: str
    title: str
    summary: str
    sources: tuple[Source, ...]
    reviewed: date
    related: tuple[str, ...] = ()
    body: str

    @property
    def lead(self) -> str:
        """The short chat answer: everything before the first second-level heading."""
        return _FIRST_SECTION.split(self.body, maxsplit=1)[0].strip()

    @property
    def details(self) -> str:
        """The "read more" text: the sections after the lead."""
        parts = _FIRST_SECTION.split(self.body, maxsplit=1)
        return ("## " + parts[1]).strip() if len(parts) == 2 else self.body.strip()


class ContentError(ValueError):
    """An article file cannot be read as a valid article."""


def load_article(path: Path, language: str) -> Article:
    post = frontmatter.load(str(path))
    try:
        article = Article(language=language, body=post.content, **post.metadata)
    except (ValidationError, TypeError) as error:
        raise ContentError(f"{path}: {error}") from error
    if article.id != path.stem:
        raise ContentError(f"{path}: id {article.id!r} differs from the file name")
    return article


class ContentLibrary:
    """All articles, loaded once at start-up and looked up by topic and language."""

    def __init__(self, articles: dict[tuple[str, str], Article]) -> None:
        self._articles = articles

    @classmethod
    def load(cls, content_dir: Path) -> ContentLibrary:
        articles: dict[tuple[str, str], Article] = {}
        for language in SUPPORTED_LANGUAGES:
            for path in sorted((content_dir / language).glob("*.md")):
                article = load_article(path, language)
                articles[(article.id, language)] = article
        return cls(articles)

    def get(self, topic: str, language: str) -> Article | None:
        return self._articles.get((topic, language))

    def topics(self) -> set[str]:
        return {topic for topic, _ in self._articles}
