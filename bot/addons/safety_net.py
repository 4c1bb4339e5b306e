"""Never miss a person without a roof: prefer a safety-critical intent when it scores high enough.

A missed `homeless_emergency` leaves someone outside tonight; a wrong one shows emergency
contacts to someone who did not need them. So when such an intent is not the top prediction
but scores at least `min_confidence`, it is chosen, with the confidence of the top prediction
(so that the FallbackClassifier after it treats the message as it would have).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

FALLBACK_INTENT = "nlu_fallback"


class _SafetyNet(GraphComponent):
    """Configuration shared by both safety nets: which intents, and from which confidence."""

    DEFAULT_MIN_CONFIDENCE = 0.2

    @classmethod
    def get_default_config(cls) -> Dict[Text, Any]:
        return {"intents": ["homeless_emergency"], "min_confidence": cls.DEFAULT_MIN_CONFIDENCE}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.intents = set(config["intents"])
        self.min_confidence = float(config["min_confidence"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "_SafetyNet":
        return cls(config)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SafetyNetIntentBooster(_SafetyNet):
    """Prefers a safety-critical intent that is not first but scores at least `min_confidence`."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            top = message.get(INTENT) or {}
            for entry in message.get(INTENT_RANKING_KEY) or []:
                if (
                    entry.get("name") in self.intents
                    and entry.get("name") != top.get("name")
                    and entry.get("confidence", 0) >= self.min_confidence
                ):
                    boosted = {"name": entry["name"], "confidence": top.get("confidence", 0)}
                    message.set(INTENT, boosted, add_to_output=True)
                    break
        return messages


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SafetyNetFallbackRescue(_SafetyNet):
    """Runs after the FallbackClassifier: a message it marked as not understood, whose most likely
    intent is safety-critical, keeps that intent ("نمت مبارح عالدرج" is an emergency even when
    "neighbours" scored almost as high). Not understood, it would only get topic buttons."""

    DEFAULT_MIN_CONFIDENCE = 0.4

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != FALLBACK_INTENT:
                continue
            ranking = message.get(INTENT_RANKING_KEY) or []
            ranked = [e for e in ranking if e.get("name") != FALLBACK_INTENT]
            if (
                ranked
                and ranked[0].get("name") in self.intents
                and ranked[0].get("confidence", 0) >= self.min_confidence
            ):
                message.set(INTENT, dict(ranked[0]), add_to_output=True)
        return messages
