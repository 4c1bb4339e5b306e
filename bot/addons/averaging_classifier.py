"""A second opinion on the intent: logistic regression averaged with the classifier before it.

One DIET model's held-out accuracy moves by one to two points per language with its random seed
and with every change of the shared vocabulary. A linear model trained on the same sparse
features makes different mistakes, so the mean of the two probability distributions is steadier
and more accurate than either alone (measured in evaluation/pipeline-comparison.md). It costs
about a minute of training and a fraction of a millisecond per message.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import RANKING_LENGTH


def _confidences(message: Message) -> Dict[Text, float]:
    return {e["name"]: float(e["confidence"]) for e in message.get(INTENT_RANKING_KEY) or []}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class AveragingLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Rasa's LogisticRegressionClassifier whose probabilities are averaged, intent by intent,
    with the ranking an earlier classifier left on the message (give that one
    `ranking_length: 0` so that its whole distribution is kept)."""

    def process(self, messages: List[Message]) -> List[Message]:
        if not messages:
            return messages
        probabilities = self.clf.predict_proba(self._create_X(messages))
        for message, row in zip(messages, probabilities):
            own = {str(name): float(p) for name, p in zip(self.clf.classes_, row)}
            earlier = _confidences(message)
            names = own.keys() | earlier.keys()
            sources = 2 if earlier else 1
            ranking = sorted(
                (
                    {"name": name, "confidence": (own.get(name, 0.0) + earlier.get(name, 0.0)) / sources}
                    for name in names
                ),
                key=lambda entry: -entry["confidence"],
            )
            if self.config[RANKING_LENGTH] > 0:
                ranking = ranking[: self.config[RANKING_LENGTH]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
