"""Find deadlines, euro amounts and months of arrears in a resident's messages.

spaCy `Matcher` patterns run over each language's own tokenizer (blank pipelines: nothing is
downloaded); the word lists are in `lexicon.yml`. Relative dates ("ensi tiistaina", "بكرة") are
resolved against today's date in Helsinki.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.util import filter_spans

_LEXICON_FILE = Path(__file__).with_name("lexicon.yml")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_AMOUNT = r"^\d{1,6}([.,]\d{1,2})?$"
_INTEGER = r"^\d{1,2}$"
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?\.?$")
_DAY = r"^\d{1,2}(\.|st|nd|rd|th)?$"


@dataclass
class Facts:
    """What the counsellor should see at a glance."""

    deadlines: list[date] = field(default_factory=list)
    amounts: list[Decimal] = field(default_factory=list)
    arrears_months: int | None = None

    def merge(self, other: Facts) -> Facts:
        months = [m for m in (self.arrears_months, other.arrears_months) if m is not None]
        return Facts(
            deadlines=sorted(set(self.deadlines) | set(other.deadlines)),
            amounts=self.amounts + [a for a in other.amounts if a not in self.amounts],
            arrears_months=max(months) if months else None,
        )


@cache
def _lexicon() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load(_LEXICON_FILE.read_text(encoding="utf-8"))
    return data


def _patterns(words: dict[str, Any]) -> dict[str, list[list[dict[str, Any]]]]:
    """Matcher patterns for one language, built from its lexicon entry."""
    number_words = list(words["numbers"])
    single_months = [m for m in words["months"] if " " not in m]
    return {
        "AMOUNT": [
            [{"TEXT": {"REGEX": _AMOUNT}}, {"LOWER": {"IN": words["currency"]}}],
            [{"TEXT": "€"}, {"TEXT": {"REGEX": _AMOUNT}}],
        ],
        "ARREARS": [
            [{"TEXT": {"REGEX": _INTEGER}}, {"LOWER": {"IN": words["month_units"]}}],
            [{"LOWER": {"IN": number_words}}, {"LOWER": {"IN": words["month_units"]}}],
            [{"TEXT": {"IN": words.get("dual_months", [])}}],
        ],
        "DATE": [
            [{"TEXT": {"REGEX": _NUMERIC_DATE.pattern}}],
            [{"TEXT": {"REGEX": _DAY}}, {"LOWER": {"IN": single_months}}],
            [{"LOWER": {"IN": single_months}}, {"TEXT": {"REGEX": _DAY}}],
        ],
        "WEEKDAY": [
            [
                {"LOWER": {"IN": words["next"]}, "OP": "?"},
                {"LOWER": {"IN": list(words["weekdays"])}},
            ],
            [{"LOWER": {"IN": list(words["weekdays"])}}, {"LOWER": {"IN": words["next"]}}],
        ],
        "RELATIVE_DAY": [[{"LOWER": {"IN": list(words["relative_days"])}}]],
        "IN_WEEKS": [
            [
                {"LOWER": {"IN": [*number_words, *map(str, range(1, 9))]}},
                {"LOWER": {"IN": words["weeks"]}},
                {"LOWER": {"IN": words["in_time"]}},
            ],
            [
                {"LOWER": {"IN": words["in_time"]}},
                {"LOWER": {"IN": [*number_words, *map(str, range(1, 9))]}},
                {"LOWER": {"IN": words["weeks"]}},
            ],
            [{"LOWER": {"IN": words["in_time"]}}, {"TEXT": {"IN": words.get("dual_weeks", [])}}],
        ],
    }


@cache
def _pipeline(language: str) -> tuple[Language, Matcher]:
    nlp = spacy.blank(language)
    matcher = Matcher(nlp.vocab)
    for label, patterns in _patterns(_lexicon()[language]).items():
        matcher.add(label, patterns)
    return nlp, matcher


def _number(text: str, words: dict[str, Any]) -> int | None:
    if text.isdigit():
        return int(text)
    value = words["numbers"].get(text.lower())
    return int(value) if value is not None else None


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _future_date(today: date, day: int, month: int, year: int | None) -> date | None:
    try:
        found = date(year if year is not None else today.year, month, day)
    except ValueError:
        return None
    if year is None and found < today:
        found = found.replace(year=today.year + 1)
    return found


def _date_of(span: Span, words: dict[str, Any], today: date) -> date | None:
    tokens = [t.lower_ for t in span]
    if span.label_ == "RELATIVE_DAY":
        return today + timedelta(days=int(words["relative_days"][tokens[0]]))
    if span.label_ == "WEEKDAY":
        weekday = next(words["weekdays"][t] for t in tokens if t in words["weekdays"])
        return _next_weekday(today, int(weekday))
    if span.label_ == "IN_WEEKS":
        count = next((n for t in tokens if (n := _number(t, words)) is not None), 2)
        return today + timedelta(weeks=count)
    if match := _NUMERIC_DATE.match(span.text):
        day, month, year = match.groups()
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return _future_date(today, int(day), int(month), full_year)
    day_token = next(t for t in tokens if t[0].isdigit())
    month = next(words["months"][t] for t in tokens if t in words["months"])
    return _future_date(today, int(re.sub(r"\D", "", day_token)), int(month), None)


def _amount_of(span: Span) -> Decimal | None:
    number = next(t.text for t in span if t.text[0].isdigit())
    try:
        return Decimal(number.replace(",", "."))
    except InvalidOperation:
        return None


def _months_of(span: Span, words: dict[str, Any]) -> int | None:
    if span[0].text in words.get("dual_months", []):
        return 2
    return _number(span[0].lower_, words)


def extract_facts(text: str, language: str, today: date) -> Facts:
    """Extract deadlines (as dates from today on), euro amounts and months of arrears."""
    nlp, matcher = _pipeline(language)
    words = _lexicon()[language]
    doc = nlp(text.translate(_ARABIC_DIGITS))
    facts = Facts()
    for span in filter_spans(matcher(doc, as_spans=True)):
        if span.label_ == "AMOUNT":
            if (amount := _amount_of(span)) is not None:
                facts.amounts.append(amount)
        elif span.label_ == "ARREARS":
            months = _months_of(span, words)
            if months is not None:
                facts.arrears_months = max(months, facts.arrears_months or 0)
        elif (found := _date_of(span, words, today)) is not None and found >= today:
            facts.deadlines.append(found)
    facts.deadlines = sorted(set(facts.deadlines))
    return facts
