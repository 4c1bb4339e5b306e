"""Deadlines, amounts and months of arrears found in residents' words, in all three languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from actions.extraction.facts import extract_facts

TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("language", "text", "deadlines", "amounts", "months"),
    [
        ("fi", "Mulla on 3 kuukauden vuokrat maksamatta, 850 euroa, häätö 15.12.",
         [date(2026, 12, 15)], [Decimal(850)], 3),
        ("fi", "oikeudenkäynti ensi tiistaina", [date(2026, 12, 1)], [], None),
        ("fi", "kolmen kuukauden rästit, pitää lähteä kahden viikon päästä, 1200,50 e",
         [date(2026, 12, 8)], [Decimal("1200.50")], 3),
        ("fi", "käräjäoikeus huomenna", [date(2026, 11, 25)], [], None),
        ("fi", "eräpäivä 2.1.2027", [date(2027, 1, 2)], [], None),
        ("en", "I owe 850€ for two months, court on 15 December",
         [date(2026, 12, 15)], [Decimal(850)], 2),
        ("en", "the bailiff comes next Friday, debt is €1200",
         [date(2026, 11, 27)], [Decimal(1200)], None),
        ("en", "they said in 2 weeks i must leave", [date(2026, 12, 8)], [], None),
        ("ar", "علي ٨٥٠ يورو ايجار شهرين والمحكمة يوم الثلاثاء القادم",
         [date(2026, 12, 1)], [Decimal(850)], 2),
        ("ar", "لازم اطلع بعد اسبوعين و عندي 3 اشهر ايجار", [date(2026, 12, 8)], [], 3),
        ("ar", "موعد المحكمة ١٥/١٢ وعلي ١٢٠٠ يورو", [date(2026, 12, 15)], [Decimal(1200)], None),
        ("ar", "المحكمة بكرة", [date(2026, 11, 25)], [], None),
    ],
)  # fmt: skip
def test_facts_are_found(
    language: str, text: str, deadlines: list[date], amounts: list[Decimal], months: int | None
) -> None:
    facts = extract_facts(text, language, TUESDAY)
    assert (facts.deadlines, facts.amounts, facts.arrears_months) == (deadlines, amounts, months)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "soita numeroon 044 482 6769"),
        ("en", "i have 2 kids and live in flat 12"),
        ("ar", "عندي ثلاث أولاد"),
    ],
)
def test_ordinary_numbers_are_not_facts(language: str, text: str) -> None:
    facts = extract_facts(text, language, TUESDAY)
    assert (facts.deadlines, facts.amounts, facts.arrears_months) == ([], [], None)


def test_a_past_date_without_a_year_means_next_year() -> None:
    assert extract_facts("eräpäivä 3.1.", "fi", TUESDAY).deadlines == [date(2027, 1, 3)]
