"""Remove identity codes, IBANs and card numbers from text before it is stored or logged.

Regular expressions find candidates; python-stdnum's checksums confirm them, so ordinary numbers
(amounts, dates, phone numbers) are left alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from stdnum import iban, luhn
from stdnum.fi import hetu

_HETU = re.compile(r"\b\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y]\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")

HETU_MARK = "[hetu]"
IBAN_MARK = "[iban]"
CARD_MARK = "[card]"


def _replace_valid(
    pattern: re.Pattern[str], mark: str, is_valid: Callable[[str], bool]
) -> Callable[[str], str]:
    def replace(text: str) -> str:
        return pattern.sub(lambda m: mark if is_valid(m.group(0)) else m.group(0), text)

    return replace


_RULES = (
    _replace_valid(_HETU, HETU_MARK, lambda s: hetu.is_valid(s.upper())),
    _replace_valid(_IBAN, IBAN_MARK, iban.is_valid),
    _replace_valid(_CARD, CARD_MARK, lambda s: luhn.is_valid(re.sub(r"[ -]", "", s))),
)


def redact(text: str) -> str:
    """Return the text with every valid identity code, IBAN and card number replaced."""
    for rule in _RULES:
        text = rule(text)
    return text


class RedactingFilter(logging.Filter):
    """Redacts log messages, so personal numbers never reach a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True
