"""Script-aware normalisation of what people type: Arabic, Arabizi and Finnish spelling.

Pure functions without Rasa imports, used by the tokenizers in `normalizing_tokenizer.py`.
- Arabic script: diacritics and tatweel removed; alef/hamza forms, ta marbuta, alef maqsura and
  waw/ya hamza unified; Arabic-Indic digits to ASCII; the article with a joined conjunction or
  preposition ("وال", "بال", "عال"...) stripped (light stemming).
- Latin script: lower case; Finnish ä/ö/å folded (people often type without them); runs of one
  letter shortened ("pleeease", "kiitoooos").
- Arabizi (Arabic in Latin letters, recognised by a digit used as a letter: "a2dar", "3indi"):
  every Latin word of the message is reduced to its consonant skeleton, as Arabic script writes
  it, with digraphs unified ("sh"/"ch", "kh"/"5", "gh"/"8"): "3indi" and "3ndi" both become "3nd".
"""

from __future__ import annotations

import re
from typing import List, Text

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")
_ARABIC_FOLDS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)
_DIGIT_FOLDS = str.maketrans(
    {
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
        "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
        "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    }
)  # fmt: skip
_LATIN_FOLDS = str.maketrans({"ä": "a", "ö": "o", "å": "o"})
_LETTER_RUNS = re.compile(r"([a-z])\1{2,}")
_ARABIZI_WORD = re.compile(r"^(?=.*[a-z])[a-z]*[235789][a-z]*$")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
# A number with a unit or abbreviation is no Arabizi: "3kk" (months), "2h" (rooms), "2br", "5v",
# "m2". Arabizi puts its digit among vowels: "3ndi", "sa7", "a2dar".
_NUMBER_WITH_UNIT = re.compile(r"^(\d+([^aeiouy\d]*|min|eur|euro|euroa)|m[23])$")
# Clock times ("3am", "11pm") and English text speak ("gr8", "2day") put a digit in a word too.
_CLOCK_TIME = re.compile(r"^\d{1,2}(am|pm)$")
_TEXT_SPEAK = frozenset(
    "gr8 2day 2nite 2night 2moro 2morrow 2mrw l8 l8r b4 4u 2u m8 w8 h8 any1 some1 no1 every1 "
    "4ever 2gether 4get 2go 4got".split()
)
_ARABIZI_DIGRAPHS = (("sh", "$"), ("ch", "$"), ("kh", "5"), ("gh", "8"), ("th", "t"), ("dh", "d"))
_ARABIZI_VOWELS = re.compile(r"[aeiouy']")
_REPEATS = re.compile(r"(.)\1+")
# Light stemming (after Larkey et al.): a conjunction or preposition joined to the article,
# including the spoken contraction "عال" (على ال), longest first; 3 letters must remain.
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "عال", "لل", "ال")
_ARABIC_STEM_MIN_LENGTH = 3


def has_arabic_letters(word: Text) -> bool:
    return bool(_ARABIC_LETTERS.search(word))


def normalize_arabic(word: Text) -> Text:
    word = _ARABIC_DIACRITICS.sub("", word).translate(_ARABIC_FOLDS)
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _ARABIC_STEM_MIN_LENGTH:
            return word[len(prefix) :]
    return word


def normalize_latin(word: Text) -> Text:
    return _LETTER_RUNS.sub(r"\1\1", word.lower().translate(_LATIN_FOLDS))


def arabizi_skeleton(word: Text) -> Text:
    """Reduce a Latin-script Arabic word to its consonants; "2" (hamza) is dropped like a vowel."""
    for digraph, letter in _ARABIZI_DIGRAPHS:
        word = word.replace(digraph, letter)
    skeleton = _REPEATS.sub(r"\1", _ARABIZI_VOWELS.sub("", word.replace("2", "")))
    return skeleton or word


def _digit_as_letter(word: Text) -> bool:
    return bool(
        _ARABIZI_WORD.match(word)
        and not _ORDINAL.match(word)
        and not _NUMBER_WITH_UNIT.match(word)
        and not _CLOCK_TIME.match(word)
        and word not in _TEXT_SPEAK
    )


def is_arabizi(words: List[Text]) -> bool:
    """A message is Arabizi when a word uses a digit as a letter ("3ndi", "a2dar", "7aki").

    "till 3am", "gr8", "2day" are English: a clock time or text speak does not count (so a
    Levantine "3am" needs another such word beside it, which Arabizi messages have).
    """
    return any(_digit_as_letter(w) for w in (word.lower().strip(".,!?;:") for word in words))


def normalize_token(word: Text, arabizi: bool = False) -> Text:
    """Normalise one token according to its script (and the message's Arabizi-ness)."""
    word = word.translate(_DIGIT_FOLDS)
    if _ARABIC_LETTERS.search(word):
        return normalize_arabic(word)
    word = normalize_latin(word)
    return arabizi_skeleton(word) if arabizi and word.isalnum() and not word.isdigit() else word


_APOSTROPHES = {"'", "’", "`", "´"}


def join_apostrophe_spans(text: Text, spans: List[tuple]) -> List[tuple]:
    """Join tokens split at an in-word apostrophe: "can't" is typed "cant" just as often.

    `spans` are (start, end) offsets of the tokens in `text`; the joined span covers both parts.
    """
    joined: List[tuple] = []
    for start, end in spans:
        if joined and text[joined[-1][1] : start] in _APOSTROPHES:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


# One consonant skeleton for Arabic script and Arabizi, so that "3ndi", "عندي" and "عندى" meet
# ("3nd"): Arabic letters are written as the Latin letters or digits Arabizi uses for them; long
# vowels, hamza, waw and ya (written as vowels in Arabizi), qaf (written "2", "q", "g" or "9")
# and a final ha or ta marbuta (a final vowel in Arabizi) are left out on both sides.
_ARABIC_TO_SKELETON = str.maketrans(
    {
        "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "7", "خ": "5", "د": "d", "ذ": "d",
        "ر": "r", "ز": "z", "س": "s", "ش": "$", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "ع": "3", "غ": "8", "ف": "f", "ق": "", "ك": "k", "ل": "l", "م": "m", "ن": "n",
        "ه": "h", "و": "", "ي": "", "ا": "", "ء": "", "ڤ": "f", "پ": "b", "چ": "$",
        "گ": "j", "ک": "k", "ی": "",
    }
)  # fmt: skip
_ARABIZI_TO_SKELETON = str.maketrans(
    {"w": "", "g": "j", "q": "", "9": "", "6": "t", "v": "f", "p": "b", "c": "k"}
)


def cross_script_skeleton(word: Text, arabizi: bool = True) -> Text:
    """The shared skeleton of a normalised token of an Arabic-script or Arabizi message."""
    if _ARABIC_LETTERS.search(word):
        skeleton = word.translate(_ARABIC_TO_SKELETON)
    else:
        skeleton = (word if arabizi else arabizi_skeleton(word)).translate(_ARABIZI_TO_SKELETON)
    skeleton = _REPEATS.sub(r"\1", skeleton)
    return skeleton[:-1] if len(skeleton) > 1 and skeleton.endswith("h") else skeleton
