"""Checks that keep the curated content trustworthy; `housing-guide content check` runs them."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from actions.content import Article, ContentError, load_article
from actions.glossary import GLOSSARY_FILE, load_glossary
from actions.i18n.catalog import LOCALES_DIR
from actions.i18n.check import catalog_parity_problems
from actions.i18n.formatting import SERVICE_TIME_ZONE
from actions.settings import SUPPORTED_LANGUAGES

MAX_REVIEW_AGE_DAYS = 365
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")


def today_in_finland() -> date:
    return datetime.now(SERVICE_TIME_ZONE).date()


def _article_problems(
    article: Article, path: Path, known_topics: set[str], today: date
) -> list[str]:
    problems = []
    age = (today - article.reviewed).days
    if age > MAX_REVIEW_AGE_DAYS:
        problems.append(f"{path}: reviewed {article.reviewed}, {age} days ago (over 12 months)")
    if article.reviewed > today:
        problems.append(f"{path}: reviewed date {article.reviewed} is in the future")
    problems += [
        f"{path}: related topic {related!r} does not exist"
        for related in article.related
        if related not in known_topics
    ]
    fields = [article.title, article.summary, article.body, *(s.title for s in article.sources)]
    if any(_RAW_HTML.search(field) for field in fields):
        problems.append(f"{path}: raw HTML is not allowed; use Markdown")
    if not article.sources:
        problems.append(f"{path}: no sources")
    if not article.lead:
        problems.append(f"{path}: no lead text before the first '## ' heading")
    return problems


def check_content(
    content_dir: Path, locales_dir: Path = LOCALES_DIR, today: date | None = None
) -> list[str]:
    """Return every problem found; an empty list means the content may be published."""
    today = today or today_in_finland()
    files = {lang: sorted((content_dir / lang).glob("*.md")) for lang in SUPPORTED_LANGUAGES}
    topics_by_language = {lang: {path.stem for path in paths} for lang, paths in files.items()}
    all_topics = set().union(*topics_by_language.values())
    problems = [
        f"{content_dir / lang}: topic {topic!r} is missing in this language"
        for lang in SUPPORTED_LANGUAGES
        for topic in sorted(all_topics - topics_by_language[lang])
    ]
    for lang, paths in files.items():
        for path in paths:
            try:
                article = load_article(path, lang)
            except ContentError as error:
                problems.append(f"incomplete or invalid front matter: {error}")
                continue
            problems += _article_problems(article, path, all_topics, today)
    return problems + glossary_problems(content_dir, today) + catalog_parity_problems(locales_dir)


def glossary_problems(content_dir: Path, today: date) -> list[str]:
    """The orientation-session glossary must load, be reviewed and not repeat a stem."""
    try:
        glossary = load_glossary(content_dir)
    except ContentError as error:
        return [f"invalid glossary: {error}"]
    path = content_dir / GLOSSARY_FILE
    problems = [
        f"{path}: stem {stem!r} belongs to two terms" for stem in glossary.duplicate_stems()
    ]
    age = (today - glossary.reviewed).days
    if age > MAX_REVIEW_AGE_DAYS:
        problems.append(f"{path}: reviewed {glossary.reviewed}, {age} days ago (over 12 months)")
    if glossary.reviewed > today:
        problems.append(f"{path}: reviewed date {glossary.reviewed} is in the future")
    texts = [text for term in glossary.terms for text in (term.fi, term.en, term.ar)]
    if any(_RAW_HTML.search(text) for text in texts):
        problems.append(f"{path}: raw HTML is not allowed")
    return problems
