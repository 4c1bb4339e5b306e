"""Keep every number in the Arabic articles, glossary and catalog in its own left-to-right order.

`housing-guide content isolate` inserts the isolates (authors write plain digits); the content
checker fails on any digit run left without one. Only what a resident reads is touched: article
titles, summaries, bodies and source titles, the glossary's Arabic explanations and the Arabic
catalog's messages, never a URL, a date field of the front matter or a message id.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from actions.i18n.bidi import isolate_numbers, number_runs_to_isolate

ARABIC = "ar"
# Front-matter keys whose values are never displayed as text, or must stay machine-readable.
_MACHINE_KEYS = re.compile(r"^\s*(?:-\s*)?(?:id|url|reviewed|related)\s*:")
_GLOSSARY_ARABIC = re.compile(r"^\s*(?:-\s*)?ar\s*:")


def _displayed_article_lines(text: str) -> list[bool]:
    """For each line of an article file: is it shown to the resident?"""
    return [not _MACHINE_KEYS.match(line) and line.strip() != "---" for line in text.split("\n")]


def isolate_article_text(text: str) -> str:
    lines = text.split("\n")
    shown = _displayed_article_lines(text)
    return "\n".join(
        isolate_numbers(line) if s else line for line, s in zip(lines, shown, strict=True)
    )


def isolate_glossary_text(text: str) -> str:
    return "\n".join(
        isolate_numbers(line) if _GLOSSARY_ARABIC.match(line) else line for line in text.split("\n")
    )


def _po_path(locales_dir: Path) -> Path:
    return locales_dir / ARABIC / "LC_MESSAGES" / "messages.po"


def _messages(locales_dir: Path):  # type: ignore[no-untyped-def]
    with _po_path(locales_dir).open("rb") as handle:
        return read_po(handle, locale=ARABIC)


def _strings(message_string: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message_string,) if isinstance(message_string, str) else tuple(message_string)


def isolate_catalog(locales_dir: Path) -> bool:
    """Isolate the numbers of the Arabic catalog's messages; True when the file changed."""
    catalog = _messages(locales_dir)
    changed = False
    for message in catalog:
        if not message.id or not message.string:
            continue
        fixed = tuple(isolate_numbers(s) for s in _strings(message.string))
        if fixed != _strings(message.string):
            message.string = fixed[0] if isinstance(message.string, str) else fixed
            changed = True
    if changed:
        with _po_path(locales_dir).open("wb") as handle:
            write_po(handle, catalog, sort_output=True)
    return changed


def isolate_content(content_dir: Path, locales_dir: Path) -> list[Path]:
    """Insert the missing isolates everywhere; return the files that changed."""
    changed = []
    for path in sorted((content_dir / ARABIC).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if (fixed := isolate_article_text(text)) != text:
            path.write_text(fixed, encoding="utf-8")
            changed.append(path)
    glossary = content_dir / "glossary.yml"
    if glossary.exists():
        text = glossary.read_text(encoding="utf-8")
        if (fixed := isolate_glossary_text(text)) != text:
            glossary.write_text(fixed, encoding="utf-8")
            changed.append(glossary)
    if isolate_catalog(locales_dir):
        changed.append(_po_path(locales_dir))
    return changed


def direction_problems(content_dir: Path, locales_dir: Path) -> list[str]:
    """Every number in Arabic text that would display in the wrong order."""
    problems = []
    for path in sorted((content_dir / ARABIC).glob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        shown = _displayed_article_lines("\n".join(lines))
        problems += [
            f"{path}:{number}: {run!r} is not isolated (run `housing-guide content isolate`)"
            for number, (line, s) in enumerate(zip(lines, shown, strict=True), start=1)
            if s
            for run in number_runs_to_isolate(line)
        ]
    glossary = content_dir / "glossary.yml"
    if glossary.exists():
        for number, line in enumerate(glossary.read_text(encoding="utf-8").split("\n"), 1):
            if _GLOSSARY_ARABIC.match(line):
                problems += [
                    f"{glossary}:{number}: {run!r} is not isolated"
                    for run in number_runs_to_isolate(line)
                ]
    if _po_path(locales_dir).exists():
        for message in _messages(locales_dir):
            if message.id and message.string:
                problems += [
                    f"{_po_path(locales_dir)}: {message.id}: {run!r} is not isolated"
                    for string in _strings(message.string)
                    for run in number_runs_to_isolate(string)
                ]
    return problems
