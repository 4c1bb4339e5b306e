"""The one list of custom actions the action server offers to Rasa."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

from actions.dialogue.advice import ActionAnswerTopic, ActionReadMore
from actions.dialogue.context import DialogueContext
from actions.dialogue.fallback import ActionNotUnderstood
from actions.dialogue.forget import ActionForgetConversation
from actions.dialogue.handoff_form import ValidateHandoffForm
from actions.dialogue.handoff_questions import QUESTION_CLASSES
from actions.dialogue.handoff_submit import ActionSubmitHandoff
from actions.dialogue.language_switch import ActionChangeLanguage
from actions.dialogue.session import ActionSessionStart
from actions.dialogue.smalltalk import (
    ActionBotChallenge,
    ActionGoodbye,
    ActionGreet,
    ActionOutOfScope,
    ActionThanks,
    ActionYesNo,
)

ACTION_CLASSES = (
    ActionSessionStart,
    ActionGreet,
    ActionThanks,
    ActionGoodbye,
    ActionBotChallenge,
    ActionOutOfScope,
    ActionYesNo,
    ActionChangeLanguage,
    ActionNotUnderstood,
    ActionAnswerTopic,
    ActionReadMore,
    *QUESTION_CLASSES,
    ValidateHandoffForm,
    ActionSubmitHandoff,
    ActionForgetConversation,
)


def build_executor(context: DialogueContext) -> ActionExecutor:
    """Register one instance of every action, each holding the shared context."""
    executor = ActionExecutor()
    for action_class in ACTION_CLASSES:
        executor.register_action(action_class(context))
    return executor
