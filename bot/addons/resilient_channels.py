"""Chat channels that keep a resident's message when the action server cannot be reached.

In Rasa 3.6 a custom action whose call fails is only logged: the turn ends without a word and
its events are lost, so a resident finishing the hand-off form would get silence and no ticket.
These channels (REST and socket.io, same names, paths and events as Rasa's) run each turn as
`Agent.handle_message` does, under the conversation's lock, with one difference:

- every call to the action endpoint is watched; when one fails because the action server is
  unreachable (connection refused or reset, timeout, 502/503/504), the turn is discarded
  (its tracker is not saved, its replies are not sent), the message is kept as pending, and
  the resident gets `service_unavailable` from `content/<lang>/system.yml` in the
  conversation's language;
- pending messages are run again, in order, by a background task (backoff 1 s doubling to
  15 s) and before any newer message of the same conversation, so the conversation goes on
  where it stopped: the form is still active and its submit creates the ticket. The action
  server returns the already stored ticket when a submit is repeated (tickets.submission_key),
  so an interrupted first attempt never makes a second ticket;
- the replies of a pending message reach the resident at once on socket.io when the same
  server holds the connection, otherwise with their next message, after `service_restored`.

Pending messages and undelivered replies live in Redis beside the lock store when it is a
`RedisLockStore` (so any replica resumes them, even when the replica that took them died),
otherwise in memory.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any

import aiohttp
import yaml
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.lock_store import DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX, RedisLockStore
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from sanic import Blueprint, Sanic

from addons.pooled_endpoint import PooledEndpointConfig
from addons.socketio_channel import PayloadSafeSocketIOInput

logger = logging.getLogger(__name__)

LANGUAGES = ("fi", "en", "ar")
RIGHT_TO_LEFT = {"ar"}
UNAVAILABLE_STATUSES = {502, 503, 504}
RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 15.0
IDLE_SCAN_SECONDS = 2.0
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR") or Path(__file__).resolve().parents[2] / "content")

# The failures of the action endpoint during the turn being run (None outside our turns).
_failures: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "action_server_failures", default=None
)


def _note_failure(error: BaseException) -> None:
    failures = _failures.get()
    if failures is not None:
        failures.append(f"{type(error).__name__}: {error}")


class WatchedActionEndpoint(PooledEndpointConfig):
    """The action endpoint (connections kept open), noting in the running turn when the action
    server did not answer."""

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().request(*args, **kwargs)
        except (aiohttp.ClientConnectionError, asyncio.TimeoutError) as error:
            _note_failure(error)
            raise
        except ClientResponseError as error:
            if error.status in UNAVAILABLE_STATUSES:
                _note_failure(error)
            raise


def _watch_action_endpoint(agent: Any) -> None:
    for holder in (agent, agent.processor):
        endpoint = getattr(holder, "action_endpoint", None)
        if endpoint is not None and type(endpoint) is EndpointConfig:
            endpoint.__class__ = WatchedActionEndpoint  # same object, watched `request`


@cache
def system_messages(language: str) -> dict[str, str]:
    path = CONTENT_DIR / language / "system.yml"
    messages: dict[str, str] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return messages


def _system_message(key: str, language: str) -> list[dict[str, Any]]:
    text = system_messages(language)[key]
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    return [{"text": text}, {"custom": {"type": key, "lang": language, "dir": direction}}]


class PendingStore:
    """Pending messages (JSON, oldest first) and undelivered replies, per conversation."""

    def __init__(self) -> None:
        self._pending: dict[str, list[str]] = {}
        self._replies: dict[str, list[str]] = {}

    def has_waiting(self, sender_id: str) -> bool:
        """Does the conversation have pending messages or undelivered replies? (one look)"""
        return bool(self._pending.get(sender_id) or self._replies.get(sender_id))

    def push(self, sender_id: str, message: str) -> None:
        self._pending.setdefault(sender_id, []).append(message)

    def first(self, sender_id: str) -> str | None:
        return (self._pending.get(sender_id) or [None])[0]

    def drop_first(self, sender_id: str) -> None:
        queue = self._pending.get(sender_id) or []
        if queue:
            queue.pop(0)
        if not queue:
            self._pending.pop(sender_id, None)

    def senders(self) -> list[str]:
        return list(self._pending)

    def add_replies(self, sender_id: str, replies: list[str]) -> None:
        self._replies.setdefault(sender_id, []).extend(replies)

    def take_replies(self, sender_id: str) -> list[str]:
        return self._replies.pop(sender_id, [])


class RedisPendingStore(PendingStore):
    """The same in the lock store's Redis, under its key prefix (`<prefix>:pending:<sender>`)."""

    def __init__(self, lock_store: RedisLockStore) -> None:
        super().__init__()
        self.red = lock_store.red
        base = lock_store.key_prefix[: -len(DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX)]
        self.pending_prefix = f"{base}pending:"
        self.replies_prefix = f"{base}replies:"

    def has_waiting(self, sender_id: str) -> bool:
        keys = (self.pending_prefix + sender_id, self.replies_prefix + sender_id)
        return bool(self.red.exists(*keys))

    def push(self, sender_id: str, message: str) -> None:
        self.red.rpush(self.pending_prefix + sender_id, message)

    def first(self, sender_id: str) -> str | None:
        value = self.red.lindex(self.pending_prefix + sender_id, 0)
        return value.decode() if isinstance(value, bytes) else value

    def drop_first(self, sender_id: str) -> None:
        self.red.lpop(self.pending_prefix + sender_id)

    def senders(self) -> list[str]:
        keys = self.red.scan_iter(match=self.pending_prefix + "*", count=500)
        return [
            (key.decode() if isinstance(key, bytes) else key)[len(self.pending_prefix) :]
            for key in keys
        ]

    def add_replies(self, sender_id: str, replies: list[str]) -> None:
        if replies:
            self.red.rpush(self.replies_prefix + sender_id, *replies)

    def take_replies(self, sender_id: str) -> list[str]:
        key = self.replies_prefix + sender_id
        pipeline = self.red.pipeline(transaction=True)
        pipeline.lrange(key, 0, -1)
        pipeline.delete(key)
        values, _ = pipeline.execute()
        return [v.decode() if isinstance(v, bytes) else v for v in values]


def _serialise(message: UserMessage) -> str:
    return json.dumps(
        {
            "text": message.text,
            "sender_id": message.sender_id,
            "input_channel": message.input_channel,
            "message_id": message.message_id,
            "metadata": message.metadata,
        }
    )


def _deserialise(value: str, output_channel: OutputChannel) -> UserMessage:
    data = json.loads(value)
    return UserMessage(
        data["text"],
        output_channel,
        data["sender_id"],
        input_channel=data["input_channel"],
        message_id=data["message_id"],
        metadata=data["metadata"],
    )


async def _deliver(output: OutputChannel, sender_id: str, replies: list[dict]) -> None:
    for reply in replies:
        await output.send_response(
            sender_id, {k: v for k, v in reply.items() if k != "recipient_id"}
        )


class Resilience:
    """One per Rasa server: runs turns, keeps those the action server missed, runs them again."""

    def __init__(self, app: Sanic) -> None:
        self.app = app
        self._store: PendingStore | None = None
        self._live: dict[str, OutputChannel] = {}  # message id -> socket.io output, this process
        self._retrying: asyncio.Task[None] | None = None

    @property
    def agent(self) -> Any:
        return getattr(self.app.ctx, "agent", None)

    @property
    def store(self) -> PendingStore:
        if self._store is None:
            lock_store = self.agent.lock_store
            redis = isinstance(lock_store, RedisLockStore)
            self._store = RedisPendingStore(lock_store) if redis else PendingStore()
        return self._store

    def start_retrying(self) -> None:
        if self._retrying is None or self._retrying.done():
            self._retrying = asyncio.get_running_loop().create_task(self._retry_forever())

    async def handle(self, message: UserMessage) -> None:
        agent = self.agent
        if agent is None or not agent.is_ready():
            logger.info("Ignoring message as there is no agent to handle it.")
            return
        sender_id, output = message.sender_id, message.output_channel
        async with agent.lock_store.lock(sender_id):
            earlier: list[dict] = []
            caught_up = True
            if self.store.has_waiting(sender_id):  # rarely: one Redis look in the usual case
                earlier = [json.loads(r) for r in self.store.take_replies(sender_id)]
                caught_up = await self._run_pending(sender_id, earlier)
            if earlier:
                language = await self._language(sender_id, message)
                await _deliver(output, sender_id, _system_message("service_restored", language))
                await _deliver(output, sender_id, earlier)
            replies = await self._run_turn(message) if caught_up else None
            if replies is not None:
                await _deliver(output, sender_id, replies)
                return
            self.store.push(sender_id, _serialise(message))
            if not isinstance(output, CollectingOutputChannel):
                self._live[message.message_id] = output
        logger.warning("action server unavailable: message of %s kept for later", sender_id)
        language = await self._language(sender_id, message)
        await _deliver(output, sender_id, _system_message("service_unavailable", language))
        self.start_retrying()

    async def _run_turn(self, message: UserMessage) -> list[dict] | None:
        """Run one turn as `MessageProcessor.handle_message` does (the caller holds the lock).

        Returns the replies, or None when the action server could not be reached: then nothing
        of the turn is saved.
        """
        _watch_action_endpoint(self.agent)
        processor = self.agent.processor
        collector = CollectingOutputChannel()
        turn = UserMessage(
            message.text,
            collector,
            message.sender_id,
            input_channel=message.input_channel,
            message_id=message.message_id,
            metadata=message.metadata,
        )
        failures: list[str] = []
        token = _failures.set(failures)
        try:
            tracker = await processor.log_message(turn, should_save_tracker=False)
            tracker = await processor.run_action_extract_slots(collector, tracker)
            await processor._run_prediction_loop(collector, tracker)
            if failures:
                logger.warning("turn of %s not kept: %s", message.sender_id, failures[0])
                return None
            await processor.run_anonymization_pipeline(tracker)
            await processor.save_tracker(tracker)
        finally:
            _failures.reset(token)
        return collector.messages

    async def _run_pending(self, sender_id: str, replies: list[dict]) -> bool:
        """Run the conversation's pending messages in order (the caller holds the lock).

        Replies are appended to `replies` (for the caller to deliver), or sent at once to the
        socket.io connection the message came from. Returns whether none is left.
        """
        while True:
            value = self.store.first(sender_id)
            if value is None:
                return True
            message = _deserialise(value, CollectingOutputChannel())
            answer = await self._run_turn(message)
            if answer is None:
                return False
            self.store.drop_first(sender_id)
            live = self._live.pop(message.message_id, None)
            if live is not None:
                language = await self._language(sender_id, message)
                await _deliver(live, sender_id, _system_message("service_restored", language))
                await _deliver(live, sender_id, answer)
            else:
                replies.extend(answer)

    async def _retry_forever(self) -> None:
        delay = RETRY_FIRST_SECONDS
        while True:
            senders = self.store.senders() if self.agent is not None else []
            all_done = True
            for sender_id in senders:
                try:
                    async with self.agent.lock_store.lock(sender_id):
                        replies: list[dict] = []
                        all_done = await self._run_pending(sender_id, replies) and all_done
                        self.store.add_replies(sender_id, [json.dumps(r) for r in replies])
                except Exception:  # keep retrying whatever happened to one conversation
                    logger.exception("retrying the pending messages of %s failed", sender_id)
                    all_done = False
            if not senders:
                delay = IDLE_SCAN_SECONDS
            elif all_done:
                delay = RETRY_FIRST_SECONDS
            else:
                delay = min(max(delay, RETRY_FIRST_SECONDS) * 2, RETRY_MAX_SECONDS)
            await asyncio.sleep(delay)

    async def _language(self, sender_id: str, message: UserMessage) -> str:
        tracker = await self.agent.tracker_store.retrieve(sender_id)
        for candidate in (
            tracker.get_slot("language") if tracker else None,
            (message.metadata or {}).get("language"),
            os.environ.get("DEFAULT_LANGUAGE"),
        ):
            if candidate in LANGUAGES:
                return str(candidate)
        return "fi"


def resilience_of(app: Sanic) -> Resilience:
    """The server's one `Resilience`, shared by both channels."""
    existing = getattr(app.ctx, "housing_resilience", None)
    if existing is None:
        existing = app.ctx.housing_resilience = Resilience(app)
    return existing


def _resilient(
    blueprint_of: Callable[[Callable[[UserMessage], Awaitable[Any]]], Blueprint],
) -> Blueprint:
    """Build a channel's blueprint around `Resilience.handle` instead of `Agent.handle_message`."""
    apps: list[Sanic] = []

    async def handle(message: UserMessage) -> None:
        await resilience_of(apps[0]).handle(message)

    blueprint = blueprint_of(handle)

    @blueprint.listener("after_server_start")
    async def start(app: Sanic, _loop: Any) -> None:
        apps.append(app)
        resilience_of(app).start_retrying()  # also resumes what a stopped replica left pending

    @blueprint.listener("before_server_stop")
    async def stop(app: Sanic, _loop: Any) -> None:
        agent = resilience_of(app).agent
        endpoint = getattr(getattr(agent, "processor", None), "action_endpoint", None)
        if isinstance(endpoint, PooledEndpointConfig):
            await endpoint.close_session()

    return blueprint


class ResilientRestInput(RestInput):
    """Rasa's REST channel (`/webhooks/rest/webhook`) that keeps messages the bot cannot answer."""

    async def _extract_sender(self, req: Any) -> str:
        """The conversation id: the sender id is a resident's only credential, and Rasa gives a
        message without one to the conversation "default", shared with every other such message
        (its form, its slots, its history). Such a message gets a conversation of its own."""
        body = req.json
        sender = body.get("sender") if isinstance(body, dict) else None
        if isinstance(sender, str) and sender.strip():
            return sender
        if isinstance(sender, int) and not isinstance(sender, bool):
            return str(sender)
        return uuid.uuid4().hex

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        return _resilient(super().blueprint)


class ResilientSocketIOInput(PayloadSafeSocketIOInput):
    """The socket.io channel (`/socket.io`, custom payloads delivered) that keeps messages too."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return _resilient(super().blueprint)
