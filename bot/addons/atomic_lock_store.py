"""Rasa's RedisLockStore with each step done by one atomic Redis script.

Rasa's ticket lock (first come, first served per conversation) reads the lock from Redis,
changes it in Python and writes it back: seven round trips per message (issue: GET, SET;
acquire: GET; release: GET, SET, GET, DEL), and two replicas issuing tickets for the same
conversation at the same moment can both read the old lock and overwrite each other's ticket.
Here issuing a ticket and releasing it are each one Lua script, run atomically by Redis, on
the same keys and the same JSON as Rasa's `TicketLock` (so both can share a Redis): two round
trips per message when nobody else is waiting, and no lost tickets. Waiting for an earlier
ticket is Rasa's own loop.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

# KEYS[1]: the lock; ARGV: conversation id, now, lifetime. Drops expired tickets, appends the
# next ticket (last number + 1, or 0) and returns {ticket, now serving, the lock's JSON}.
_ISSUE = """
local now = tonumber(ARGV[2])
local tickets = {}
local raw = redis.call('GET', KEYS[1])
if raw then
  for _, encoded in ipairs(cjson.decode(raw)['tickets'] or {}) do
    local ticket = cjson.decode(encoded)
    if ticket['expires'] >= now then table.insert(tickets, ticket) end
  end
end
local number = 0
if #tickets > 0 then number = tickets[#tickets]['number'] + 1 end
table.insert(tickets, {number = number, expires = now + tonumber(ARGV[3])})
local encoded = {}
for i, ticket in ipairs(tickets) do
  encoded[i] = cjson.encode({number = ticket['number'], expires = ticket['expires']})
end
local lock = cjson.encode({conversation_id = ARGV[1], tickets = encoded})
redis.call('SET', KEYS[1], lock)
return {number, tickets[1]['number'], lock}
"""

# KEYS[1]: the lock; ARGV: ticket number, now. Removes the ticket and expired ones; deletes the
# lock when nobody is left waiting.
_RELEASE = """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local lock = cjson.decode(raw)
local number, now = tonumber(ARGV[1]), tonumber(ARGV[2])
local encoded = {}
for _, item in ipairs(lock['tickets'] or {}) do
  local ticket = cjson.decode(item)
  if ticket['number'] ~= number and ticket['expires'] >= now then
    table.insert(encoded, item)
  end
end
if #encoded == 0 then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], cjson.encode({conversation_id = lock['conversation_id'], tickets = encoded}))
end
return #encoded
"""


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket issue and release are single atomic scripts."""

    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # built by Rasa from endpoints.yml (`type: addons...`)
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._issue = self.red.register_script(_ISSUE)
        self._release = self.red.register_script(_RELEASE)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._issue_ticket(conversation_id, lock_lifetime)[0]

    def _issue_ticket(self, conversation_id: str, lifetime: float) -> tuple[int, int, str]:
        try:
            number, serving, lock = self._issue(
                keys=[self.key_prefix + conversation_id],
                args=[conversation_id, repr(time.time()), repr(float(lifetime))],
            )
        except Exception as error:  # as Rasa's issue_ticket reports it
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        return int(number), int(serving), lock.decode() if isinstance(lock, bytes) else lock

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._release(
            keys=[self.key_prefix + conversation_id], args=[ticket_number, repr(time.time())]
        )

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncIterator[TicketLock]:
        ticket, serving, lock = self._issue_ticket(conversation_id, lock_lifetime)
        try:
            if ticket == serving:  # nobody before us: ours without another look
                yield TicketLock.from_dict(json.loads(lock))
            else:
                yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)
