"""Switch the conversation language when the resident asks ("puhu suomea", "English please")."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.base import EventList, LocalizedAction, requested_language
from actions.dialogue.payloads import intent_button
from actions.i18n.catalog import Translator
from actions.settings import SUPPORTED_LANGUAGES


class ActionChangeLanguage(LocalizedAction):
    """Confirm the new language in that language, or offer the three when none was named."""

    action_name = "action_change_language"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        if requested_language(tracker):
            # Translators: confirms the switch, written in the new language itself.
            dispatcher.utter_message(text=text.gettext("language.changed"))
            return []
        buttons = [
            # Translators: the language's own name for itself (suomi, English, العربية).
            intent_button(
                Translator(code).gettext("language.name"), "change_language", {"language": code}
            )
            for code in SUPPORTED_LANGUAGES
        ]
        # Translators: asks which language to use; buttons with the three languages follow.
        dispatcher.utter_message(text=text.gettext("language.choose"), buttons=buttons)
        return []
