"""The content topics, read from `content/topics.yml`: the one list code, checks and reports use.

Rasa's domain and rules must name the intents themselves; tests/test_topics.py keeps them equal
to this list.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

TOPICS_FILE = Path(__file__).resolve().parent.parent / "content" / "topics.yml"


class Topic(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    offer_counsellor: bool = False
    emergency: bool = False
    never_overridden: bool = False


@lru_cache(maxsize=4)
def load_topics(path: Path = TOPICS_FILE) -> tuple[Topic, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Topic(**item) for item in data["topics"])


def topic_ids(path: Path = TOPICS_FILE) -> tuple[str, ...]:
    return tuple(topic.id for topic in load_topics(path))


CONTENT_TOPICS: tuple[str, ...] = topic_ids()
OFFER_COUNSELLOR_AFTER: frozenset[str] = frozenset(
    topic.id for topic in load_topics() if topic.offer_counsellor
)
NEVER_OVERRIDDEN: frozenset[str] = frozenset(t.id for t in load_topics() if t.never_overridden)
(EMERGENCY_TOPIC,) = (topic.id for topic in load_topics() if topic.emergency)
