"""Which language a conversation is in: client metadata, explicit requests, confident detection."""

from __future__ import annotations

import re

from lingua import Language, LanguageDetectorBuilder

from actions.settings import SUPPORTED_LANGUAGES

_LINGUA_TO_CODE = {Language.FINNISH: "fi", Language.ENGLISH: "en", Language.ARABIC: "ar"}
_WORD = re.compile(r"\w+", re.UNICODE)


def supported_language(value: object) -> str | None:
    """Return a served language code for values such as "ar", "fi-FI" or "en_GB", else None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED_LANGUAGES else None


def same_script(first: str, second: str) -> bool:
    """Finnish and English share the Latin script; Arabic has its own."""
    return (first == "ar") == (second == "ar")


class LanguageIdentifier:
    """Detects fi/en/ar only when a message is long and clear enough to be sure.

    Short or ambiguous messages ("ok", "kiitos", "Kela") must never flip a conversation's
    language, so both a minimum word count and a minimum confidence apply.
    """

    def __init__(self, min_words: int = 3, min_confidence: float = 0.85) -> None:
        self.min_words = min_words
        self.min_confidence = min_confidence
        self._detector = LanguageDetectorBuilder.from_languages(*_LINGUA_TO_CODE).build()

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
