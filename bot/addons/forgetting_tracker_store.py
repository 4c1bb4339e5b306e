"""Tracker stores that really delete a conversation when the resident asks to be forgotten.

The action server deletes its own data (tickets) in `action_forget_conversation`; the Rasa
tracker lives here, so when a turn in which that action ran is saved, the stored conversation
is deleted instead. The next message starts a new, empty conversation.
"""

from __future__ import annotations

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.lean_sql_tracker_store import LeanSQLTrackerStore

FORGET_ACTION = "action_forget_conversation"


def asked_to_forget(tracker: DialogueStateTracker) -> bool:
    """Did the forget action run in the latest turn?"""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
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
