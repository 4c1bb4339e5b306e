"""Remove identity codes, IBANs and card numbers from text before it is stored or logged.

Regular expressions find candidates; python-stdnum's checksums confirm them, so ordinary numbers
(amounts, dates, phone numbers) are left alone. Residents type the same numbers with
Arabic-Indic or Persian digits ("١٣١٠٥٢-٣٠٨T"), phone keyboards' no-break spaces, dots between
digit groups and typographic dashes: the patterns run on a copy where each such character is
replaced by its plain form, one character for one, so a match's position is the original's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from stdnum import iban, luhn
from stdnum.fi import hetu

_PLAIN_FORMS = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian (Extended Arabic-Indic)
        **dict.fromkeys(["\u00a0", "\u2007", "\u2009", "\u202f", "\u3000"], " "),
        **dict.fromkeys(["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"], "-"),
    }
)
# Up to two spaces, dots or dashes between digit groups ("4111  1111.1111-1111").
_GAP = r"[ .\-]{0,2}"
_HETU = re.compile(r"(?<![0-9])\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y](?![0-9A-Za-z])")
_IBAN = re.compile(
    rf"(?<![A-Za-z0-9])[A-Z]{{2}}\d{{2}}(?:{_GAP}[A-Z0-9]{{4}}){{2,7}}(?:{_GAP}[A-Z0-9]{{1,4}})?"
    r"(?![A-Za-z0-9])"
)
_CARD = re.compile(rf"(?<![0-9])\d(?:{_GAP}\d){{12,18}}(?![0-9])")
_GAPS = re.compile(r"[ .\-]")

HETU_MARK = "[hetu]"
IBAN_MARK = "[iban]"
CARD_MARK = "[card]"

_RULES: tuple[tuple[re.Pattern[str], str, Callable[[str], bool]], ...] = (
    (_HETU, HETU_MARK, lambda s: hetu.is_valid(s.upper())),
    (_IBAN, IBAN_MARK, lambda s: iban.is_valid(_GAPS.sub("", s))),
    (_CARD, CARD_MARK, lambda s: luhn.is_valid(_GAPS.sub("", s))),
)


def _apply(text: str, pattern: re.Pattern[str], mark: str, is_valid: Callable[[str], bool]) -> str:
    plain = text.translate(_PLAIN_FORMS)
    pieces, end = [], 0
    for match in pattern.finditer(plain):
        if is_valid(match.group(0)):
            pieces += [text[end : match.start()], mark]
            end = match.end()
    return "".join(pieces) + text[end:]


def redact(text: str) -> str:
    """Return the text with every valid identity code, IBAN and card number replaced."""
    for pattern, mark, is_valid in _RULES:
        text = _apply(text, pattern, mark, is_valid)
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
