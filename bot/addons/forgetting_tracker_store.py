"""Tracker stores that really delete a conversation when the resident asks to be forgotten.

The action server deletes its own data (tickets) in `action_forget_conversation`; the Rasa
tracker lives here, so when a turn in which that action ran is saved, the stored conversation
is deleted instead. The next message starts a new, empty conversation.
"""

from __future__ import annotations

from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

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


class ForgettingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if asked_to_forget(tracker):
            with self.session_scope() as session:
                session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == tracker.sender_id
                ).delete(synchronize_session=False)
                session.commit()
            return
        await super().save(tracker)
