"""The NLU's script-aware normalisation (bot/addons/text_normalization.py, loaded by Rasa)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "text_normalization",
    Path(__file__).resolve().parent.parent / "bot" / "addons" / "text_normalization.py",
)
assert _SPEC and _SPEC.loader
normalization = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(normalization)


def normalized(message: str) -> list[str]:
    words = message.split()
    arabizi = normalization.is_arabizi(words)
    return [normalization.normalize_token(word, arabizi) for word in words]


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["الإيجار", "الايجار", "إيجار", "ايجار"], ["ايجار"]),
        (["مدرسة", "مدرسه"], ["مدرسه"]),
        (["شُكْرًا", "شكرا", "شكــرا"], ["شكرا"]),
        (["Mitä", "mita", "MITÄ"], ["mita"]),
        (["kiitoooos", "kiitoos"], ["kiitoos"]),
        (["٨٥٠", "850"], ["850"]),
    ],
)
def test_spelling_variants_meet(variants: list[str], expected: list[str]) -> None:
    assert {tuple(normalized(v)) for v in variants} == {tuple(expected)}


def test_arabizi_spellings_meet_at_their_consonants() -> None:
    assert normalized("ma 3indi masari lal akel") == normalized("ma 3ndi msari lel akl")
    assert normalized("shu a3mel") == normalized("chou a3mil")


@pytest.mark.parametrize(
    "message",
    [
        "I cannot pay the rent",
        "i got the 2nd letter",
        "mä en pysty",
        "vuokrat 3kk rästissä",
        "etsin 2h asuntoa",
        "looking for a 2br flat",
        "kaksio 45 m2",
        "the party next door goes on till 3am every weekend",
        "neighbours are loud after 11pm",
        "gr8 thanks, see u 2day",
    ],
)
def test_english_and_finnish_are_not_taken_for_arabizi(message: str) -> None:
    assert not normalization.is_arabizi(message.split())


@pytest.mark.parametrize(
    ("text", "spans", "joined"),
    [
        ("I can't pay", [(0, 1), (2, 5), (6, 7), (8, 11)], [(0, 1), (2, 7), (8, 11)]),
        ("landlord’s letter", [(0, 8), (9, 10), (11, 17)], [(0, 10), (11, 17)]),
        ("ma a2dar", [(0, 2), (3, 8)], [(0, 2), (3, 8)]),
    ],
)
def test_words_split_at_an_apostrophe_are_joined(
    text: str, spans: list[tuple[int, int]], joined: list[tuple[int, int]]
) -> None:
    assert normalization.join_apostrophe_spans(text, spans) == joined


@pytest.mark.parametrize(
    ("arabizi", "arabic"),
    [
        ("ma 3ndi wein nam", "ما عندي وين نام"),
        ("3ndi deyoun kteer", "عندي ديون كتير"),
        ("mesh 3aref a3mel eh", "مش عارف اعمل ايه"),
        ("kif b2addem 3ala asumistuki", "كيف بقدم على asumistuki"),
    ],
)
def test_arabizi_and_arabic_script_share_a_skeleton(arabizi: str, arabic: str) -> None:
    def skeletons(message: str) -> list[str]:
        words = message.split()
        is_arabizi = normalization.is_arabizi(words)
        return [
            normalization.cross_script_skeleton(
                normalization.normalize_token(w, is_arabizi), is_arabizi
            )
            for w in words
        ]

    assert skeletons(arabizi) == skeletons(arabic)


@pytest.mark.parametrize(
    "message",
    [
        "ma 3ndi masari lal ijar",
        "ana 3am dawer 3ala bet",
        "bade a7ki ma3 7ada",
        "kifak, shu a3mel?",
    ],
)
def test_arabizi_is_recognised(message: str) -> None:
    assert normalization.is_arabizi(message.split())
