"""The one list of custom actions the action server offers to Rasa."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

from actions.dialogue.advice import ActionAnswerTopic
from actions.dialogue.context import DialogueContext
from actions.dialogue.handoff import ActionHandoff
from actions.dialogue.session import ActionSessionStart
from actions.dialogue.smalltalk import ActionGoodbye, ActionGreet, ActionNotUnderstood, ActionThanks

ACTION_CLASSES = (
    ActionSessionStart,
    ActionGreet,
    ActionThanks,
    ActionGoodbye,
    ActionNotUnderstood,
    ActionAnswerTopic,
    ActionHandoff,
)


def build_executor(context: DialogueContext) -> ActionExecutor:
    """Register one instance of every action, each holding the shared context."""
    executor = ActionExecutor()
    for action_class in ACTION_CLASSES:
        executor.register_action(action_class(context))
    return executor
