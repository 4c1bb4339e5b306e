"""Gettext catalogs, one per language; message ids are stable keys, never English prose.

Keys keep user-facing text out of Python: a translator edits exactly one `.po` file per
language (`actions/locales/<lang>/LC_MESSAGES/messages.po`), English included.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from babel import Locale
from babel.support import Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
FALLBACK_LANGUAGE = "en"
logger = logging.getLogger(__name__)


def N_(key: str) -> str:  # noqa: N802 - the gettext convention Babel extracts by default
    """Mark a message key for extraction where it is not translated on the spot."""
    return key


class CatalogMissingError(RuntimeError):
    """The compiled catalog is absent: run `make catalogs` (set-up does it)."""


@cache
def _translations(language: str) -> Translations:
    """The compiled catalog; a message missing in it falls back to English."""
    compiled = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not compiled.exists():
        raise CatalogMissingError(f"{compiled} is missing; run `make catalogs`")
    with compiled.open("rb") as handle:
        translations = Translations(handle, domain=DOMAIN)
    if language != FALLBACK_LANGUAGE:
        translations.add_fallback(_translations(FALLBACK_LANGUAGE))
    return translations


class Translator:
    """Interface text of one language, with named placeholders filled by `str.format`."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalog = _translations(language)

    def gettext(self, key: str, **params: object) -> str:
        text = self._catalog.gettext(key)
        if text == key:  # never show a bare key silently; make i18n-check should have caught it
            logger.error("message %r has no translation in any catalog", key)
        return text.format(**params)

    def template(self, key: str) -> str:
        """The text with its `{placeholders}` unfilled, for a client that fills them itself."""
        text: str = self._catalog.gettext(key)
        if text == key:
            logger.error("message %r has no translation in any catalog", key)
        return text

    def ngettext(self, key: str, plural_key: str, count: int, **params: object) -> str:
        """Plural-aware text; Arabic has six plural forms, so never build plurals by hand."""
        return self._catalog.ngettext(key, plural_key, count).format(count=count, **params)


def text_direction(language: str) -> str:
    """Return "rtl" or "ltr" from the CLDR data, for clients that lay out the answer."""
    return "rtl" if Locale.parse(language).text_direction == "rtl" else "ltr"


# Unicode's left-to-right isolate: a number or address inside Arabic text keeps its own order
# ("040 123 4567", not "4567 123 040"), whatever surrounds it.
_LEFT_TO_RIGHT_ISOLATE, _POP_DIRECTIONAL_ISOLATE = "\u2066", "\u2069"


def isolate(value: str, language: str) -> str:
    """Wrap a number, code or address so that it displays left to right inside `language`."""
    if not value or text_direction(language) != "rtl":
        return value
    return f"{_LEFT_TO_RIGHT_ISOLATE}{value}{_POP_DIRECTIONAL_ISOLATE}"
