"""Numbers that keep their own left-to-right order inside right-to-left (Arabic) text.

In an Arabic paragraph the Unicode bidirectional algorithm lays out the space-separated groups of
"044 482 6769" right to left ("6769 482 044"), and a range or a date can come out reversed too.
Every run of digits with separators (a phone number, an amount with a thousands space, a date,
a time range, a reference code) is therefore wrapped in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL
ISOLATE. URLs and e-mail addresses are left alone: the isolate characters would break them, and the
widget and the inbox isolate links themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

LRI, PDI = "\u2066", "\u2069"
# Digits joined by single separators; a lone number ("2", "70 %") displays correctly by itself.
NUMBER_RUN = re.compile(r"\+?\d+(?:[ \u00a0.,:/–\-]\d+)+")
LINK = re.compile(r"(?:https?://|www\.|mailto:|tel:)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ISOLATED = re.compile(f"{LRI}[^{PDI}]*{PDI}")


def _bare_spans(text: str) -> Iterator[tuple[int, int]]:
    """The parts of `text` outside links and outside runs that are already isolated."""
    protected = sorted(
        (m.start(), m.end()) for pattern in (LINK, _ISOLATED) for m in pattern.finditer(text)
    )
    position = 0
    for start, end in protected:
        if start >= position:
            yield position, start
        position = max(position, end)
    yield position, len(text)


def number_runs_to_isolate(text: str) -> list[str]:
    """The digit runs of `text` that are not yet isolated (empty: the text displays right)."""
    return [
        match.group()
        for start, end in _bare_spans(text)
        for match in NUMBER_RUN.finditer(text, start, end)
    ]


def isolate_numbers(text: str) -> str:
    """`text` with every digit run isolated; running it twice changes nothing."""
    pieces, position = [], 0
    for start, end in _bare_spans(text):
        for match in NUMBER_RUN.finditer(text, start, end):
            pieces += [text[position : match.start()], LRI, match.group(), PDI]
            position = match.end()
    return "".join(pieces) + text[position:]
