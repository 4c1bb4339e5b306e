"""A Redis key prefix of its own per test, in the Redis server here; its keys are deleted after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import redis

REDIS_URL = "redis://127.0.0.1:6379/0"


@contextmanager
def redis_key_prefix(start: str = "test") -> Iterator[str]:
    """Yield an alphanumeric prefix (Rasa refuses others); delete every `<prefix>:*` key after."""
    prefix = f"{start}{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()
