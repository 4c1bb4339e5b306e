"""Find the words of a lexicon in what a resident typed, however they spelled it.

Residents type without ä and ö, with or without hamza, in Arabic-Indic digits, in capitals,
with the conjunction "و" glued to the next word. Text and lexicon entries are folded the same
way, then compared word by word. An entry word ending in `*` matches any word that begins with
it, which covers Finnish inflection ("soit*": soita, soittakaa, soitto).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLDS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
        "ä": "a", "ö": "o", "å": "o", "é": "e",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
        "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
        "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    }
)  # fmt: skip
_WORD = re.compile(r"[\w']+", re.UNICODE)
_ENTRY_WORD = re.compile(r"[\w']+\*?", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Conjunctions, prepositions and the article are written joined to the next word: "ولا",
# "فبدي", "البريد", "بالايميل"; a word is also tried without them (longest first).
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ف", "ب")
_MIN_ARABIC_STEM = 3


def fold(text: str) -> str:
    """Lower case, Finnish and Arabic letter variants unified, digits in ASCII."""
    return _ARABIC_MARKS.sub("", text.lower()).translate(_FOLDS)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _variants(word: str) -> tuple[str, ...]:
    if not _ARABIC_LETTER.match(word):
        return (word,)
    bare = [
        word[len(prefix) :]
        for prefix in _ARABIC_PREFIXES
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_ARABIC_STEM
    ]
    return (word, *bare)


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return any(v.startswith(pattern[:-1]) for v in _variants(word))
    return pattern in _variants(word)


@dataclass(frozen=True)
class Phrases:
    """A set of phrases (each a sequence of folded words) to look for in a message."""

    entries: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        entries = (tuple(_ENTRY_WORD.findall(fold(phrase))) for phrase in phrases)
        return cls(tuple(entry for entry in entries if entry))

    def find(self, tokens: list[str]) -> int | None:
        """The index of the first word of the earliest match in `tokens`, or None."""
        for start in range(len(tokens)):
            for entry in self.entries:
                window = tokens[start : start + len(entry)]
                if len(window) == len(entry) and all(map(_word_matches, entry, window)):
                    return start
        return None

    def prefix_length(self, tokens: list[str]) -> int:
        """How many words of the longest phrase that the message begins with (0: none)."""
        return max(
            (
                len(entry)
                for entry in self.entries
                if len(tokens) >= len(entry) and all(map(_word_matches, entry, tokens))
            ),
            default=0,
        )

    def in_words(self, tokens: list[str]) -> bool:
        return self.find(tokens) is not None

    def starts(self, tokens: list[str]) -> bool:
        """The message begins with one of the phrases ("joo, ..." but not "... joo")."""
        return self.prefix_length(tokens) > 0

    def is_whole(self, tokens: list[str], filler: Phrases | None = None) -> bool:
        """The message is only a phrase, apart from filler words ("ei kiitos", "no thanks")."""
        length = self.prefix_length(tokens)
        if not length:
            return False
        return all(filler is not None and filler.in_words([word]) for word in tokens[length:])
