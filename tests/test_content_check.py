"""The content checker passes the published content and catches each kind of defect."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from actions.cli import main
from actions.content_check import check_content
from actions.i18n.catalog import LOCALES_DIR
from actions.topics import CONTENT_TOPICS

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 12, 2)


def test_published_content_passes_today() -> None:
    """Uses the real date: content not re-reviewed within 12 months must turn CI red."""
    assert check_content(ROOT / "content") == []


def test_published_content_has_every_listed_topic_in_three_languages() -> None:
    topics = set(CONTENT_TOPICS)
    for language in ("fi", "en", "ar"):
        assert {p.stem for p in (ROOT / "content" / language).glob("*.md")} == topics


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the real content to break one thing in."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(content: Path, locales: Path = LOCALES_DIR) -> str:
    return "\n".join(check_content(content, locales, today=TODAY))


def test_a_topic_missing_in_one_language_fails(content: Path) -> None:
    (content / "ar" / "deposit.md").unlink()
    assert "'deposit' is missing" in problems_of(content)


def test_incomplete_front_matter_fails(content: Path) -> None:
    edit(content / "fi" / "deposit.md", "summary:", "yhteenveto:")
    assert "deposit.md" in problems_of(content) and "summary" in problems_of(content)


def test_a_malformed_source_url_fails(content: Path) -> None:
    edit(content / "en" / "eviction.md", 'url: "https://', 'url: "htps//')
    assert "eviction.md" in problems_of(content) and "url" in problems_of(content)


def test_a_review_older_than_twelve_months_fails(content: Path) -> None:
    path = content / "en" / "budgeting.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"reviewed: [\d-]+", "reviewed: 2025-11-01", text), encoding="utf-8")
    assert "over 12 months" in problems_of(content)


def test_an_unknown_related_topic_fails(content: Path) -> None:
    edit(content / "fi" / "budgeting.md", "related: [", "related: [pets, ")
    assert "'pets' does not exist" in problems_of(content)


def test_raw_html_fails(content: Path) -> None:
    edit(content / "ar" / "moving_in.md", "\n## ", "\n<script>alert(1)</script>\n\n## ")
    assert "raw HTML" in problems_of(content)


def test_a_catalog_lacking_a_message_fails(content: Path, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    po = locales / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "thanks.reply"')
    po.write_text(text[:start] + text[text.index("\n\n", start) + 2 :], encoding="utf-8")
    assert "ar: catalog lacks 'thanks.reply'" in problems_of(content, locales)


def test_the_console_command_exits_nonzero_on_a_broken_tree(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "fi" / "eviction.md").unlink()
    assert main(["content", "check", "--content-dir", str(content)]) == 1
    assert "'eviction' is missing" in capsys.readouterr().err


def test_a_glossary_term_without_its_arabic_explanation_fails(content: Path) -> None:
    glossary = content / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    first_arabic = next(line for line in text.splitlines() if line.strip().startswith("ar:"))
    glossary.write_text(text.replace(first_arabic, "", 1), encoding="utf-8")
    assert "invalid glossary" in problems_of(content)


def test_a_glossary_stem_used_by_two_terms_fails(content: Path) -> None:
    glossary = content / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("[vuokranantaj", "[vuokravakuu, vuokranantaj", 1), "utf-8")
    assert "stem 'vuokravakuu' belongs to two terms" in problems_of(content)


def test_a_phone_number_in_arabic_text_without_isolation_fails(content: Path) -> None:
    edit(content / "ar" / "moving_in.md", "\n## ", "\nاتصل على الرقم 03 819 4850.\n\n## ")
    assert "'03 819 4850' is not isolated" in problems_of(content)


def test_the_isolate_command_fixes_what_the_checker_finds(content: Path) -> None:
    edit(content / "ar" / "moving_in.md", "\n## ", "\nاتصل على الرقم 03 819 4850.\n\n## ")
    assert main(["content", "isolate", "--content-dir", str(content)]) == 0
    assert "is not isolated" not in problems_of(content)


def test_a_source_on_the_retired_list_fails(content: Path) -> None:
    edit(
        content / "fi" / "deposit.md",
        'url: "https://',
        'url: "https://www.infopankki.fi/x"\n  - title: "y"\n    url: "https://',
    )
    assert "infopankki.fi/x is retired" in problems_of(content)


def test_a_topic_without_nlu_data_in_one_language_fails(content: Path, tmp_path: Path) -> None:
    nlu = tmp_path / "nlu"
    shutil.copytree(ROOT / "data" / "nlu", nlu)
    for path in (nlu / "en").glob("deposit*.yml"):
        path.unlink()
    found = "\n".join(check_content(content, LOCALES_DIR, today=TODAY, nlu_dir=nlu))
    assert "en: topic 'deposit' has no NLU data" in found


def test_an_article_whose_topic_is_not_listed_fails(content: Path) -> None:
    for language in ("fi", "en", "ar"):
        shutil.copy(content / language / "deposit.md", content / language / "pets.md")
        edit(content / language / "pets.md", "id: deposit", "id: pets")
    assert "topic 'pets' is not listed in topics.yml" in problems_of(content)
