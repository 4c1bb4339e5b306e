"""Which language a conversation is in: client metadata, explicit requests, confident detection."""

from __future__ import annotations

import re

from lingua import Language, LanguageDetectorBuilder

from actions.settings import SUPPORTED_LANGUAGES

_LINGUA_TO_CODE = {Language.FINNISH: "fi", Language.ENGLISH: "en", Language.ARABIC: "ar"}
_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# A message this long, or on this many lines, was pasted (a letter), not typed in the chat.
PASTED_WORDS = 40
PASTED_LINES = 3
# Addresses, links and numbers say nothing about the language a message is written in.
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\d+", re.UNICODE)


def supported_language(value: object) -> str | None:
    """Return a served language code for values such as "ar", "fi-FI" or "en_GB", else None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED_LANGUAGES else None


def same_script(first: str, second: str) -> bool:
    """Finnish and English share the Latin script; Arabic has its own."""
    return (first == "ar") == (second == "ar")


def looks_pasted(text: str) -> bool:
    """A letter or notice pasted into the chat: its language is not the resident's."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) >= PASTED_LINES or len(_WORD.findall(text)) >= PASTED_WORDS


class LanguageIdentifier:
    """Detects fi/en/ar only when a message is long and clear enough to be sure.

    Short or ambiguous messages ("ok", "kiitos", "Kela") must never flip a conversation's
    language, so both a minimum word count and a minimum confidence apply. Finnish housing
    terms (`finnish_terms`, the glossary's word-start stems: "asumistu", "kela") are left out
    before detection: newcomers write them inside Arabic and English ("كيف أقدم على
    toimeentulotuki؟"), which does not make the message Finnish.
    """

    def __init__(
        self, min_words: int = 3, min_confidence: float = 0.85, finnish_terms: tuple[str, ...] = ()
    ) -> None:
        self.min_words = min_words
        self.min_confidence = min_confidence
        self.finnish_terms = tuple(term.lower() for term in finnish_terms)
        self._detector = LanguageDetectorBuilder.from_languages(*_LINGUA_TO_CODE).build()

    def without_finnish_terms(self, text: str) -> str:
        """The message without Finnish housing terms, addresses, links and numbers."""
        found = _WORD.findall(_NOT_WORDS.sub(" ", text))
        if self.finnish_terms:
            found = [word for word in found if not word.lower().startswith(self.finnish_terms)]
        return " ".join(found)

    def switch_to(
        self, text: str, current: str | None, *, arabizi: bool = False, understood: bool = True
    ) -> str | None:
        """The language to answer in when it should change from `current`, else None."""
        if current is None:
            return self.confident_language(_NOT_WORDS.sub(" ", text), arabizi)
        if looks_pasted(text):
            return None
        if current == "ar" and (arabizi or _ARABIC_LETTER.search(text)):
            return None  # Arabic with Finnish or English words in it is still Arabic
        detected = self.confident_language(self.without_finnish_terms(text), arabizi)
        if detected == current:
            return None
        if detected and not understood and same_script(detected, current):
            # Nonsense is "confidently" Finnish or English to a detector; only a change of script
            # (Arabic <-> Latin) is trusted when the message itself was not understood.
            return None
        if detected and same_script(detected, current) and self._still_partly(text, current):
            # "I'm a student, can I get opintotuen asumislisä?" names Finnish terms the glossary
            # does not know, inside a message still written in the conversation's language.
            return None
        return detected

    def _still_partly(self, text: str, language: str) -> bool:
        """Whether a run of at least `min_words` words of the message is still in `language`."""
        segments = self._detector.detect_multiple_languages_of(_NOT_WORDS.sub(" ", text))
        return any(
            _LINGUA_TO_CODE.get(segment.language) == language
            and segment.word_count >= self.min_words
            for segment in segments
        )

    def confident_language(self, text: str, arabizi: bool = False) -> str | None:
        """`arabizi`: the NLU's tokenizer saw Arabic written in Latin letters ("ma 3ndi"). The
        detector cannot read it and may even be "sure" it is English, so it counts as Arabic."""
        if len(_WORD.findall(text)) < self.min_words:
            return None
        if arabizi:
            return "ar"
        confidences = self._detector.compute_language_confidence_values(text)
        if not confidences or confidences[0].value < self.min_confidence:
            return None
        return _LINGUA_TO_CODE.get(confidences[0].language)
