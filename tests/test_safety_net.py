"""The emergency safety net of the NLU pipeline (bot/addons/safety_net.py, in Rasa's process)."""

from __future__ import annotations

import json
import textwrap

import pytest

from tests.support.servers import run_in_rasa_process

PROCESS = textwrap.dedent(
    """
    import json, sys
    from rasa.shared.nlu.training_data.message import Message
    from addons.safety_net import SafetyNetFallbackRescue

    intent, ranking = json.loads(sys.argv[1])
    message = Message(data={"text": "x", "intent": intent, "intent_ranking": ranking})
    rescue = SafetyNetFallbackRescue({"intents": ["homeless_emergency"], "min_confidence": 0.4})
    rescue.process([message])
    print(message.get("intent")["name"])
    """
)
FALLBACK = {"name": "nlu_fallback", "confidence": 0.4}


def after_the_rescue(intent: dict, ranking: list[dict]) -> str:
    return run_in_rasa_process(PROCESS, json.dumps([intent, ranking]))


def test_a_likely_emergency_is_never_left_as_not_understood() -> None:
    ranking = [FALLBACK, {"name": "homeless_emergency", "confidence": 0.41},
               {"name": "living_together", "confidence": 0.37}]  # fmt: skip
    assert after_the_rescue(FALLBACK, ranking) == "homeless_emergency"


@pytest.mark.parametrize(
    "ranking",
    [
        [FALLBACK, {"name": "living_together", "confidence": 0.41},
         {"name": "homeless_emergency", "confidence": 0.37}],
        [FALLBACK, {"name": "homeless_emergency", "confidence": 0.3},
         {"name": "repairs", "confidence": 0.28}],
    ],
)  # fmt: skip
def test_an_unlikely_emergency_stays_not_understood(ranking: list[dict]) -> None:
    assert after_the_rescue(FALLBACK, ranking) == "nlu_fallback"
