"""Numbers in Arabic text display in their own order (phone numbers above all).

Each Arabic article line and each Arabic catalog message is laid out with the Unicode
bidirectional algorithm (python-bidi), as a browser lays out a right-to-left paragraph; every run of
digits must appear in the result exactly as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bidi import get_display

from actions.arabic_numbers import isolate_article_text
from actions.i18n.bidi import LINK, LRI, NUMBER_RUN, PDI, isolate_numbers, number_runs_to_isolate

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "content" / "ar").glob("*.md"))


def displayed(text: str) -> str:
    """What a reader sees, left to right, of one right-to-left line (isolate marks removed)."""
    return get_display(text, base_dir="R").replace(LRI, "").replace(PDI, "")


def numbers_in(text: str) -> list[str]:
    """Every digit run with separators, as written (links excluded: the widget isolates them)."""
    plain = LINK.sub(" ", text.replace(LRI, "").replace(PDI, ""))
    return [m.group() for m in NUMBER_RUN.finditer(plain)]


def reversed_numbers(text: str) -> list[str]:
    shown = displayed(text)
    return [number for number in numbers_in(text) if number not in shown]


def article_lines(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("\n")
    return [
        line for line in body if not re.match(r"^\s*(?:-\s*)?(?:url|reviewed|id|related):", line)
    ]


def catalog_messages() -> list[str]:
    path = ROOT / "actions" / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    return [m.string for m in catalog if m.id and isinstance(m.string, str) and m.string]


def test_an_unisolated_phone_number_is_shown_backwards() -> None:
    """The check itself can fail: this is what residents saw before."""
    assert reversed_numbers("اتصل على الرقم 044 482 6769.") == ["044 482 6769"]


def test_an_isolated_phone_number_is_shown_as_written() -> None:
    assert reversed_numbers(isolate_numbers("اتصل على الرقم 044 482 6769.")) == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_number_of_an_arabic_article_displays_in_order(path: Path) -> None:
    assert [(line, n) for line in article_lines(path) for n in reversed_numbers(line)] == []


def test_every_number_of_the_arabic_catalog_displays_in_order() -> None:
    assert [(m, n) for m in catalog_messages() for n in reversed_numbers(m)] == []


def test_isolating_twice_changes_nothing() -> None:
    once = isolate_numbers("من 18:00 حتى 09:00، الهاتف 03 819 4850")
    assert isolate_numbers(once) == once
    assert number_runs_to_isolate(once) == []


def test_links_and_email_addresses_are_left_intact() -> None:
    text = "راجع https://www.kela.fi/2024/05/ohje أو asumisneuvo2@lahti.fi"
    assert isolate_numbers(text) == text


def test_front_matter_machine_fields_are_left_intact() -> None:
    article = (
        '---\nid: x\nreviewed: 2026-12-02\nsources:\n  - url: "https://a.fi/1-2"\n---\n'
        "044 482 6769\n"
    )
    fixed = isolate_article_text(article)
    assert "reviewed: 2026-12-02" in fixed and '"https://a.fi/1-2"' in fixed
    assert f"{LRI}044 482 6769{PDI}" in fixed
