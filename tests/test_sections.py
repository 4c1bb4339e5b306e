"""Follow-ups are answered from the section of the article they are about (actions/sections.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.content import ContentLibrary
from actions.sections import best_section, clear_section

LIBRARY = ContentLibrary.load(Path(__file__).resolve().parents[1] / "content")


def heading(topic: str, language: str, question: str) -> str | None:
    article = LIBRARY.get(topic, language)
    assert article is not None
    found = best_section(article, question, minimum=0.0)
    return found[0].heading if found else None


@pytest.mark.parametrize(
    ("topic", "language", "question", "expected"),
    [
        (
            "repairs",
            "en",
            "what if the landlord never answers my fault report",
            "How to report a fault",
        ),
        ("housing_allowance", "en", "where do I send the form?", "How to apply"),
        ("housing_allowance", "fi", "mihin se hakemus lähetetään?", "Näin haet"),
        ("ending_lease", "fi", "pitääkö mun siivota?", "Siivous, avaimet ja tarkastus"),
        ("deposit", "fi", "kuinka nopeasti vakuus pitää palauttaa", "Vakuuden palautus"),
    ],
)
def test_a_follow_up_gets_the_section_it_is_about(
    topic: str, language: str, question: str, expected: str
) -> None:
    assert heading(topic, language, question) == expected


@pytest.mark.parametrize(
    ("language", "question", "expected"),
    [
        ("fi", "minne voin viedä pahvit? pahviastia on aina täynnä", "Jätteet ja kierrätys"),
        (
            "en",
            "where to put cardboard and bottles? im new in this building",
            "Waste and recycling",
        ),
        ("ar", "وين بكب الكراتين الكبيرة؟ حاوية الكرتون دايما مليانة", "النفايات وإعادة التدوير"),
    ],
)
def test_a_first_question_about_waste_gets_the_waste_section(
    language: str, question: str, expected: str
) -> None:
    article = LIBRARY.get("living_together", language)
    assert article is not None
    section = clear_section(article, question)
    assert section is not None and section.heading == expected


def test_a_general_question_gets_the_short_answer_instead() -> None:
    article = LIBRARY.get("living_together", "fi")
    assert article is not None
    assert clear_section(article, "yläkerran naapuri pitää meteliä joka yö") is None
