"""Checks that keep the curated content trustworthy; `housing-guide content check` runs them."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from actions.arabic_numbers import direction_problems
from actions.content import Article, ContentError, load_article
from actions.glossary import GLOSSARY_FILE, load_glossary
from actions.i18n.catalog import LOCALES_DIR
from actions.i18n.check import catalog_parity_problems
from actions.i18n.formatting import SERVICE_TIME_ZONE
from actions.settings import PROJECT_ROOT, SUPPORTED_LANGUAGES
from actions.topics import TOPICS_FILE, topic_ids

MAX_REVIEW_AGE_DAYS = 365
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
RETIRED_SOURCES_FILE = "retired_sources.yml"
_SCHEME = re.compile(r"^[a-z]+://(?:www\.)?", re.IGNORECASE)
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")


def today_in_finland() -> date:
    return datetime.now(SERVICE_TIME_ZONE).date()


def retired_prefixes(content_dir: Path) -> tuple[str, ...]:
    path = content_dir / RETIRED_SOURCES_FILE
    if not path.exists():
        return ()
    return tuple(item["prefix"].lower() for item in yaml.safe_load(path.read_text())["retired"])


def is_retired(url: str, prefixes: tuple[str, ...]) -> bool:
    return _SCHEME.sub("", url).lower().startswith(prefixes)


def _article_problems(
    article: Article, path: Path, known_topics: set[str], today: date, retired: tuple[str, ...]
) -> list[str]:
    problems = [
        f"{path}: source {source.url} is retired ({RETIRED_SOURCES_FILE})"
        for source in article.sources
        if is_retired(str(source.url), retired)
    ]
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


def trained_intents(nlu_dir: Path, language: str) -> set[str]:
    """The intents with training examples in one language's NLU files."""
    intents = set()
    for path in (nlu_dir / language).glob("*.yml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in item and item.get("examples", "").strip():
                intents.add(item["intent"])
    return intents


def topic_list_problems(content_dir: Path, nlu_dir: Path, topics: tuple[str, ...]) -> list[str]:
    """Every listed topic needs an article and NLU data in every language, and nothing unlisted."""
    problems = []
    for lang in SUPPORTED_LANGUAGES:
        articles = {path.stem for path in (content_dir / lang).glob("*.md")}
        problems += [
            f"{content_dir / lang}: topic {t!r} has no article" for t in topics if t not in articles
        ]
        problems += [
            f"{content_dir / lang / stem}.md: topic {stem!r} is not listed in {TOPICS_FILE.name}"
            for stem in sorted(articles - set(topics))
        ]
        trained = trained_intents(nlu_dir, lang)
        problems += [
            f"{nlu_dir / lang}: topic {t!r} has no NLU data" for t in topics if t not in trained
        ]
    return problems


def check_content(
    content_dir: Path,
    locales_dir: Path = LOCALES_DIR,
    today: date | None = None,
    nlu_dir: Path = NLU_DIR,
) -> list[str]:
    """Return every problem found; an empty list means the content may be published."""
    today = today or today_in_finland()
    retired = retired_prefixes(content_dir)
    topics_file = content_dir / TOPICS_FILE.name
    topics = topic_ids(topics_file) if topics_file.exists() else topic_ids()
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
            problems += _article_problems(article, path, all_topics, today, retired)
    return (
        problems
        + topic_list_problems(content_dir, nlu_dir, topics)
        + glossary_problems(content_dir, today, retired)
        + direction_problems(content_dir, locales_dir)
        + catalog_parity_problems(locales_dir)
    )


def glossary_problems(content_dir: Path, today: date, retired: tuple[str, ...] = ()) -> list[str]:
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
    problems += [
        f"{path}: source {source.url} is retired ({RETIRED_SOURCES_FILE})"
        for source in glossary.sources
        if is_retired(str(source.url), retired)
    ]
    texts = [text for term in glossary.terms for text in (term.fi, term.en, term.ar)]
    if any(_RAW_HTML.search(text) for text in texts):
        problems.append(f"{path}: raw HTML is not allowed")
    return problems
