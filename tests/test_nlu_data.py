"""The NLU data stays honest: enough examples, no duplicates, a test set training never sees."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml

from actions.topics import CONTENT_TOPICS

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fi", "en", "ar")
REQUIRED_INTENTS = [
    *CONTENT_TOPICS,
    "human_handoff", "greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge",
    "change_language", "out_of_scope",
]  # fmt: skip
# Similarity (difflib ratio) above which a training example counts as a copy of a test message.
NEAR_DUPLICATE = 0.9
_ANNOTATION = re.compile(r"\[([^\]]+)\]\{[^}]*\}")


def examples(directory: Path) -> list[tuple[str, str]]:
    """(intent, raw example) pairs of every YAML file in a directory."""
    pairs = []
    for path in sorted(directory.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    pairs.append((item["intent"], line.strip()[2:].strip()))
    return pairs


def plain(example: str) -> str:
    return re.sub(r"\s+", " ", _ANNOTATION.sub(r"\1", example)).strip().lower()


TRAIN = {lang: examples(ROOT / "data" / "nlu" / lang) for lang in LANGUAGES}
TEST = {lang: examples(ROOT / "tests" / "nlu" / lang) for lang in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_intent_has_forty_training_and_ten_test_examples(language: str) -> None:
    train, test = Counter(i for i, _ in TRAIN[language]), Counter(i for i, _ in TEST[language])
    assert {i: train[i] for i in REQUIRED_INTENTS if train[i] < 40} == {}
    assert {i: test[i] for i in REQUIRED_INTENTS if test[i] < 10} == {}


def test_training_never_sees_a_test_message() -> None:
    seen = {plain(e) for lang in LANGUAGES for _, e in TRAIN[lang]}
    leaked = [(lang, e) for lang in LANGUAGES for _, e in TEST[lang] if plain(e) in seen]
    assert leaked == []


def test_no_training_message_appears_twice() -> None:
    counts = Counter(plain(e) for lang in LANGUAGES for _, e in TRAIN[lang])
    assert [text for text, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_requests_name_the_language_as_an_entity(language: str) -> None:
    for data in (TRAIN[language], TEST[language]):
        for intent, example in data:
            values = re.findall(r'"value":\s*"(\w+)"', example)
            if intent == "change_language":
                assert values and set(values) <= set(LANGUAGES), example
            else:
                assert "]{" not in example, example


def test_domain_declares_exactly_the_trained_intents() -> None:
    domain = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
    trained = {intent for lang in LANGUAGES for intent, _ in TRAIN[lang]}
    assert set(domain["intents"]) == trained
    assert set(REQUIRED_INTENTS) <= trained


def _near(a: str, b: str, threshold: float) -> bool:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() > threshold
        and matcher.quick_ratio() > threshold
        and matcher.ratio() > threshold
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_training_message_nearly_repeats_a_test_message(language: str) -> None:
    """ "Unseen" means unseen: not the same sentence with a comma, a hamza or one word changed."""
    tests = [plain(e) for _, e in TEST[language]]
    near = [
        (e, t)
        for _, e in TRAIN[language]
        for t in tests
        if abs(len(plain(e)) - len(t)) <= len(t) // 5 and _near(plain(e), t, NEAR_DUPLICATE)
    ]
    assert near == []
