"""What every action needs, built once at start-up and handed to the action classes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from actions.content import ContentLibrary
from actions.handoff.schedule import OfficeHours
from actions.language import LanguageIdentifier


@dataclass(frozen=True)
class DialogueContext:
    content: ContentLibrary
    languages: LanguageIdentifier
    sessions: sessionmaker[Session]
    default_language: str
    office_hours: OfficeHours = field(default_factory=OfficeHours)
    contact_within_hours: float = 6
    # Languages the counsellors speak themselves; any other needs an interpreter.
    counsellor_languages: tuple[str, ...] = ("fi", "en")
