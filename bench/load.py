"""The load generator: N simulated residents, each holding one conversation after another.

A closed loop: every resident sends a message, waits for the whole reply, (optionally thinks)
and sends the next, so the load adapts to the server and the figures measure how many turns a
configuration serves and how long a resident waits for each. Every conversation has a sender
id of its own (unique per run). Turns that start in the warm-up are not counted; the
measurement window ends after `duration` seconds or `conversations` completed conversations,
whichever comes first.

Replicas: with `routing="message"` consecutive turns of one conversation go to different
replicas (round robin per message), which only works if the replicas share the conversation
(tracker store and lock store); `routing="least"` sends each message to the replica with the
fewest requests in flight (what nginx's `least_conn` does), so turns of a conversation also
land on different replicas; with `routing="conversation"` a conversation sticks to one.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field

import aiohttp

from bench.scenarios import Scenario

REST_PATH = "/webhooks/rest/webhook"


@dataclass(frozen=True)
class TurnResult:
    """One message and its reply, timed with the monotonic clock."""

    scenario: str
    sender: str
    language: str
    turn: int
    message: str
    started: float
    latency: float
    error: str | None  # "timeout", "http_503", "transport", "empty" or None
    unexpected: bool  # a reply came but not the expected one (see scenarios.Turn.check)
    replica: int


@dataclass
class LoadResult:
    """Everything a load run produced; figures are computed in bench/report.py."""

    users: int
    warmup_seconds: float
    window_start: float = 0.0
    window_end: float = 0.0
    turns: list[TurnResult] = field(default_factory=list)
    conversations_completed: int = 0
    conversations_started: int = 0
    error_samples: list[str] = field(default_factory=list)

    def measured(self) -> list[TurnResult]:
        """Turns that ended inside the window: throughput is completions per second."""
        return [
            t for t in self.turns if self.window_start <= t.started + t.latency <= self.window_end
        ]


@dataclass
class _Plan:
    """Shared state of the residents: the clock, the bounds and the next conversation."""

    window_start: float
    deadline: float
    max_conversations: int | None
    scenarios: tuple[Scenario, ...]
    counter: itertools.count[int] = field(default_factory=itertools.count)
    in_flight: list[int] = field(default_factory=list)  # per replica, for routing="least"
    completed_in_window: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def over(self) -> bool:
        return self.done.is_set() or time.monotonic() >= self.deadline


async def _send(
    client: aiohttp.ClientSession, url: str, sender: str, message: str, language: str | None
) -> tuple[list[dict[str, object]] | None, str | None, str]:
    body: dict[str, object] = {"sender": sender, "message": message}
    if language:
        body["metadata"] = {"language": language}
    try:
        async with client.post(url + REST_PATH, json=body) as response:
            text = await response.text()
            status = response.status
    except asyncio.TimeoutError:
        return None, "timeout", ""
    except aiohttp.ClientError as error:
        return None, "transport", repr(error)
    if status != 200:
        return None, f"http_{status}", text[:300]
    try:
        messages = json.loads(text)
    except ValueError:
        return None, "invalid_json", text[:300]
    if not isinstance(messages, list):
        return None, "invalid_json", text[:300]
    return messages, None, ""


def _route(routing: str, conversation: int, turn: int, in_flight: list[int]) -> int:
    """The replica for this turn (see the module's docstring)."""
    count = len(in_flight)
    if routing == "conversation":
        return conversation % count
    rotation = (conversation + turn) % count
    if routing == "least":  # fewest in flight; ties go round robin
        return min(range(count), key=lambda r: (in_flight[r], (r - rotation) % count))
    return rotation


async def _resident(
    number: int,
    run_id: str,
    client: aiohttp.ClientSession,
    urls: list[str],
    routing: str,
    plan: _Plan,
    result: LoadResult,
    think: tuple[float, float],
) -> None:
    rng = random.Random(number)  # noqa: S311 - timing jitter, not secrets
    # Residents start at slightly different moments, like real ones do.
    await asyncio.sleep(rng.uniform(0, 0.5))
    while not plan.over():
        index = next(plan.counter)
        scenario = plan.scenarios[index % len(plan.scenarios)]
        sender = f"bench-{run_id}-u{number:03d}-c{index:05d}"
        result.conversations_started += 1
        conversation_started = time.monotonic()
        failed = False
        for turn_index, turn in enumerate(scenario.turns):
            if plan.over():
                return
            replica = _route(routing, index, turn_index, plan.in_flight)
            plan.in_flight[replica] += 1
            started = time.monotonic()
            messages, error, detail = await _send(
                client,
                urls[replica],
                sender,
                turn.message,
                scenario.language if turn_index == 0 else None,
            )
            latency = time.monotonic() - started
            plan.in_flight[replica] -= 1
            if error is None and turn.expects_reply and not messages:
                error = "empty"
            unexpected = bool(
                error is None and messages is not None and turn.check and not turn.check(messages)
            )
            result.turns.append(
                TurnResult(
                    scenario.name,
                    sender,
                    scenario.language,
                    turn_index,
                    turn.message,
                    started,
                    latency,
                    error,
                    unexpected,
                    replica,
                )
            )
            if (error or unexpected) and len(result.error_samples) < 20:
                result.error_samples.append(
                    f"{scenario.name} turn {turn_index} ({turn.message!r}) on replica "
                    f"{replica}: {error or 'unexpected reply'} {detail or messages!r}"[:600]
                )
            failed = failed or error is not None
            if think[1] > 0:
                await asyncio.sleep(rng.uniform(*think))
        if not failed and conversation_started >= plan.window_start:
            result.conversations_completed += 1
            plan.completed_in_window += 1
            if plan.max_conversations and plan.completed_in_window >= plan.max_conversations:
                plan.done.set()


async def run_load(
    urls: list[str],
    scenarios: tuple[Scenario, ...],
    users: int,
    warmup: float,
    duration: float,
    run_id: str,
    conversations: int | None = None,
    routing: str = "message",
    timeout: float = 30.0,
    think: tuple[float, float] = (0.0, 0.0),
) -> LoadResult:
    """Drive `users` residents against `urls` for `warmup` + `duration` seconds."""
    result = LoadResult(users=users, warmup_seconds=warmup)
    now = time.monotonic()
    plan = _Plan(
        window_start=now + warmup,
        deadline=now + warmup + duration,
        max_conversations=conversations,
        scenarios=scenarios,
        in_flight=[0] * len(urls),
    )
    connector = aiohttp.TCPConnector(limit=users * 2)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=client_timeout) as client:
        tasks = [
            asyncio.create_task(_resident(n, run_id, client, urls, routing, plan, result, think))
            for n in range(users)
        ]
        await asyncio.gather(*tasks)
    result.window_start = plan.window_start
    if plan.done.is_set():  # enough conversations before the deadline: the window ends there
        result.window_end = min(plan.deadline, max(t.started + t.latency for t in result.turns))
    else:
        result.window_end = plan.deadline
    return result


def error_counts(turns: list[TurnResult]) -> dict[str, int]:
    """Errors by kind (HTTP status, timeout, empty reply) and unexpected replies."""
    counts = Counter(t.error for t in turns if t.error)
    counts.update("unexpected" for t in turns if t.unexpected)
    return dict(counts)


async def smoke(
    urls: list[str], scenarios: tuple[Scenario, ...], run_id: str, timeout: float = 60.0
) -> list[str]:
    """Hold every scenario once, one turn at a time, round robin over `urls`; return problems.

    Run before the load: it fails fast with a readable message when the bot does not answer
    as the scripts expect, and it warms up what servers load lazily on first use.
    """
    problems: list[str] = []
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(timeout=client_timeout) as client:
        for index, scenario in enumerate(scenarios):
            sender = f"bench-{run_id}-smoke-{index:03d}"
            for turn_index, turn in enumerate(scenario.turns):
                replica = (index + turn_index) % len(urls)
                messages, error, detail = await _send(
                    client,
                    urls[replica],
                    sender,
                    turn.message,
                    scenario.language if turn_index == 0 else None,
                )
                if error is None and turn.expects_reply and not messages:
                    error = "empty"
                if (
                    error is None
                    and messages is not None
                    and turn.check
                    and not turn.check(messages)
                ):
                    error = "unexpected reply"
                if error:
                    problems.append(
                        f"{scenario.name} turn {turn_index} ({turn.message!r}) on replica "
                        f"{replica}: {error} {detail or messages!r}"[:800]
                    )
    return problems
