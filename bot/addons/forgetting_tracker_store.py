"""Tracker stores that really delete a conversation when the resident asks to be forgotten.

The action server deletes its own data (tickets) when asked to forget (the widget's button, or
a typed request that names the conversation) and sets the slot `conversation_forgotten` in that
turn; the Rasa tracker lives here, so when such a turn is saved, the stored conversation is
deleted instead. The next message starts a new, empty conversation.
"""

from __future__ import annotations

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.lean_sql_tracker_store import LeanSQLTrackerStore

# Set by the action server (actions/dialogue/forget.py, FORGET_SLOT) in the turn that forgets.
FORGET_SLOT = "conversation_forgotten"


def asked_to_forget(tracker: DialogueStateTracker) -> bool:
    """Did the action server forget this conversation in the latest turn?"""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, SlotSet) and event.key == FORGET_SLOT and event.value is True:
            return True
    return False


class ForgettingInMemoryTrackerStore(InMemoryTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if asked_to_forget(tracker):
            self.store.pop(tracker.sender_id, None)
            return
        await super().save(tracker)


class ForgettingSQLTrackerStore(LeanSQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if asked_to_forget(tracker):
            self.delete_conversation(tracker.sender_id)
            return
        await super().save(tracker)
