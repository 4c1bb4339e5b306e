"""Recognise a language named in a message: "arabiaksi", "بالعربي", "somali", "enkuks", "3arabi".

Names come from CLDR through Babel in Finnish, English and Arabic (so "somali", "Somali" and
"الصومالية" all work without a hand-made list), reduced to stems that also catch the inflected
and dialect forms; `language_names.yml` adds what CLDR does not have.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from babel import Locale

from actions.handoff.phrases import fold, words
from actions.settings import SUPPORTED_LANGUAGES

_EXTRA_NAMES = Path(__file__).with_name("language_names.yml")
# Languages an interpreter is most often booked for in Lahti, beside the ones the bot speaks.
INTERPRETER_LANGUAGES = (
    "ar", "so", "fa", "prs", "ku", "ckb", "ru", "uk", "ti", "am", "tr", "fr", "es", "pt", "sq",
    "bs", "et", "pl", "ro", "th", "vi", "zh", "ps", "ur", "hi", "bn", "ne", "sw", "my", "ka",
    "sv", "de", "it", "sr", "hr", "lt", "lv", "hu", "bg", "tl", "ta", "om", "uz", "tk", "ky",
)  # fmt: skip
_ARABIC_ARTICLES = ("بال", "ال", "با", "ب")
_MIN_STEM = 4


def _stem(word: str) -> str:
    """The part of a folded language name that its inflected and dialect forms share."""
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 3:
            word = word[len(article) :]
            break
    if word.endswith("ه") and "\u0621" <= word[0] <= "\u064a":
        word = word[:-1]  # the feminine ending: العربية / عربي
    # Finnish names end in a vowel that inflection changes: arabia/arabiaksi, somali/somalia.
    if word.isascii() and len(word) > _MIN_STEM + 1 and word[-1] in "aeiouy":
        word = word[:-1]
    return word


@cache
def _stems() -> dict[str, str]:
    """Stem -> language code, from CLDR names in our three languages and the extra names."""
    stems: dict[str, str] = {}
    for code in (*SUPPORTED_LANGUAGES, *INTERPRETER_LANGUAGES):
        for display in SUPPORTED_LANGUAGES:
            name = Locale(display).languages.get(code)
            name_words = words(name) if name else []
            if len(name_words) == 1 and len(name_words[0]) >= _MIN_STEM:
                stems.setdefault(_stem(name_words[0]), code)
    extra: dict[str, list[str]] = yaml.safe_load(_EXTRA_NAMES.read_text(encoding="utf-8"))
    for code, names in extra.items():
        for name in names:
            stems[fold(name)] = code
    return stems


def named_languages(text: str) -> list[str]:
    """The language codes named in `text`, in order, each once."""
    stems = _stems()
    found: list[str] = []
    for word in words(text):
        candidates = (word, _stem(word))
        code = next((stems[c] for c in candidates if c in stems), None)
        if code is None:
            prefixes = (
                lang
                for stem, lang in stems.items()
                if len(stem) >= _MIN_STEM and word.startswith(stem)
            )
            code = next(prefixes, None)
        if code and code not in found:
            found.append(code)
    return found
