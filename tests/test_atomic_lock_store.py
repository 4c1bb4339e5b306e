"""The atomic Redis lock store keeps Rasa's ticket lock: first come first served, nothing lost.

Run in Rasa's own process against the Redis here, beside Rasa's RedisLockStore on the same keys.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator

import pytest

from tests.support.redis_keys import redis_key_prefix
from tests.support.servers import run_in_rasa_process

SCENARIO = textwrap.dedent(
    """
    import asyncio, json, sys, threading, time
    from rasa.core.lock_store import RedisLockStore
    from rasa.utils.endpoints import EndpointConfig
    from addons.atomic_lock_store import AtomicRedisLockStore

    prefix = sys.argv[1]
    config = EndpointConfig(url="127.0.0.1", port=6379, db=0, key_prefix=prefix,
                            type="addons.atomic_lock_store.AtomicRedisLockStore")
    ours = AtomicRedisLockStore(endpoint_config=config)
    rasas = RedisLockStore(host="127.0.0.1", port=6379, db=0, key_prefix=prefix)
    result = {}

    # Tickets in order, readable by Rasa's store; released tickets leave; the last deletes.
    numbers = [ours.issue_ticket("c1") for _ in range(3)]
    lock = rasas.get_lock("c1")
    result["numbers"] = numbers
    result["rasa_sees"] = [t.number for t in lock.tickets]
    result["rasa_now_serving"] = lock.now_serving
    ours.cleanup("c1", 0)
    result["after_release"] = [t.number for t in rasas.get_lock("c1").tickets]
    ours.cleanup("c1", 1); ours.cleanup("c1", 2)
    result["deleted"] = rasas.get_lock("c1") is None

    # An expired ticket (a replica that died holding the lock) does not block the next one.
    ours.issue_ticket("c2", lock_lifetime=0.05)
    time.sleep(0.1)
    result["after_expiry"] = ours.issue_ticket("c2")
    ours.cleanup("c2", result["after_expiry"])

    # Many replicas issuing at once: every ticket distinct (Rasa's read-modify-write can lose some).
    issued = []
    def issue_many():
        for _ in range(50):
            issued.append(ours.issue_ticket("c3", lock_lifetime=60))
    threads = [threading.Thread(target=issue_many) for _ in range(4)]
    [t.start() for t in threads]; [t.join() for t in threads]
    result["concurrent_issued"] = len(issued)
    result["concurrent_distinct"] = len(set(issued))
    result["concurrent_stored"] = len(rasas.get_lock("c3").tickets)

    # Two messages of one conversation: the second waits for the first and runs after it.
    async def turn(name, hold, log):
        async with ours.lock("c4", wait_time_in_seconds=0.05):
            log.append(name + " start")
            await asyncio.sleep(hold)
            log.append(name + " end")
    async def both():
        log = []
        first = asyncio.create_task(turn("first", 0.3, log))
        await asyncio.sleep(0.05)
        await asyncio.gather(first, turn("second", 0, log))
        return log
    result["order"] = asyncio.run(both())
    result["released"] = rasas.get_lock("c4") is None
    print(json.dumps(result))
    """
)


@pytest.fixture
def key_prefix() -> Iterator[str]:
    with redis_key_prefix("locktest") as prefix:
        yield prefix


def test_ticket_lock_semantics_with_fewer_round_trips(key_prefix: str) -> None:
    result = json.loads(run_in_rasa_process(SCENARIO, key_prefix))
    assert result["numbers"] == [0, 1, 2]
    assert result["rasa_sees"] == [0, 1, 2] and result["rasa_now_serving"] == 0
    assert result["after_release"] == [1, 2]
    assert result["deleted"] is True
    assert result["after_expiry"] == 0
    assert result["concurrent_issued"] == result["concurrent_distinct"] == 200
    assert result["concurrent_stored"] == 200
    assert result["order"] == ["first start", "first end", "second start", "second end"]
    assert result["released"] is True
