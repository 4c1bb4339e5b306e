"""A quick sanity check of the trained model on a fixed sample of the held-out test set.

The full evaluation is `make eval`; this only guards against a broken or stale model.
"""

from __future__ import annotations

import random

import httpx
import pytest

from tests.support.servers import RunningBot
from tests.test_nlu_data import LANGUAGES, TEST, plain

pytestmark = pytest.mark.e2e
SAMPLE_PER_LANGUAGE = 40
MIN_SAMPLE_ACCURACY = 0.8


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_model_recognises_most_unseen_messages(bot: RunningBot, language: str) -> None:
    sample = random.Random(2026).sample(TEST[language], SAMPLE_PER_LANGUAGE)
    misses = []
    for intent, example in sample:
        response = httpx.post(
            f"{bot.rasa_url}/model/parse", json={"text": plain(example)}, timeout=30
        )
        predicted = response.json()["intent"]["name"]
        if predicted != intent:
            misses.append((example, intent, predicted))
    accuracy = 1 - len(misses) / len(sample)
    assert accuracy >= MIN_SAMPLE_ACCURACY, misses
