"""Fail when the gettext catalogs are stale, incomplete or inconsistent across languages.

Run as `python -m actions.i18n.check` (`make i18n-check`, part of `make test`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from actions.i18n.catalog import DOMAIN, LOCALES_DIR
from actions.settings import SUPPORTED_LANGUAGES

PACKAGE_DIR = LOCALES_DIR.parent
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def extracted_ids() -> set[str]:
    """Message ids the code uses now, extracted as `make i18n-extract` does."""
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]  # as babel.cfg
    return {str(message[2]) for message in extract_from_dir(str(PACKAGE_DIR), method_map)}


def catalog_problems(
    template: Catalog, language: str, catalog: Catalog, english: Catalog
) -> list[str]:
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        if translated is None:
            problems.append(f"{language}: missing {message.id!r} (run make i18n-update)")
        elif not translated.string:
            problems.append(f"{language}: untranslated {message.id!r}")
        elif translated.fuzzy:
            problems.append(f"{language}: fuzzy (needs review) {message.id!r}")
        elif set(_PLACEHOLDER.findall(str(translated.string))) != set(
            _PLACEHOLDER.findall(_english_text(english, str(message.id)))
        ):
            problems.append(f"{language}: placeholders differ from English in {message.id!r}")
    template_ids = {m.id for m in template if m.id}
    problems += [
        f"{language}: obsolete {m.id!r} (run make i18n-update)"
        for m in catalog
        if m.id and m.id not in template_ids
    ]
    return problems


def _english_text(english: Catalog, message_id: str) -> str:
    message = english.get(message_id)
    return str(message.string) if message is not None and message.string else message_id


def catalog_parity_problems(locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Name every message that one language's catalog has and another's lacks."""
    ids = {}
    for language in SUPPORTED_LANGUAGES:
        po_path = locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        ids[language] = (
            {str(m.id) for m in _read(po_path, language) if m.id} if po_path.exists() else set()
        )
    every_id = set().union(*ids.values())
    return [
        f"{language}: catalog lacks {key!r}, which another language has"
        for language in SUPPORTED_LANGUAGES
        for key in sorted(every_id - ids[language])
    ]


def find_problems(locales_dir: Path = LOCALES_DIR) -> list[str]:
    template = _read(locales_dir / f"{DOMAIN}.pot")
    template_ids = {str(m.id) for m in template if m.id}
    code_ids = extracted_ids()
    problems = [f"template is stale: {key!r} is used in code" for key in code_ids - template_ids]
    problems += [f"template is stale: {key!r} is no longer used" for key in template_ids - code_ids]
    catalogs = {
        language: locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        for language in SUPPORTED_LANGUAGES
    }
    english = _read(catalogs["en"], "en") if catalogs["en"].exists() else Catalog()
    for language, po_path in catalogs.items():
        if not po_path.exists():
            problems.append(f"{language}: no catalog at {po_path}")
            continue
        problems += catalog_problems(template, language, _read(po_path, language), english)
    return problems


def main() -> int:
    problems = find_problems()
    for problem in problems:
        print(f"i18n: {problem}", file=sys.stderr)
    if not problems:
        print(f"i18n: catalogs complete for {', '.join(SUPPORTED_LANGUAGES)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
