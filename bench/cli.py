"""`python -m bench` (`bench/run`, `make bench`): measure the reference, then our configurations.

Self-contained: it trains the reference once (cached in bench/.work/), creates its own
PostgreSQL databases and Redis key prefix, starts every server it measures on free loopback
ports, and stops and removes all of it afterwards, also on errors, Ctrl-C and SIGTERM. A run
killed with SIGKILL leaves a ledger (bench/.work/ledger.json) that the next run cleans up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import secrets
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil
import yaml

from bench import report, scenarios
from bench.load import run_load, smoke
from bench.processes import (
    HOUSING_GUIDE,
    MODEL,
    RASA,
    ROOT,
    UVICORN,
    Sampler,
    Server,
    free_port,
    run_checked,
    running,
    shared_services,
    start,
    stop,
    wait_for_log,
    wait_until_up,
)
from bench.reference import rasa_version, reference_model
from bench.stores import Postgres, Redis, databases

WORK = ROOT / "bench" / ".work"
LEDGERS = WORK / "ledgers"  # one file per running bench, named by its process id
LEDGER = LEDGERS / f"{os.getpid()}.json"


@dataclass(frozen=True)
class Config:
    """One configuration of ours: Rasa replicas × Sanic workers each, and the rest."""

    replicas: int
    sanic_workers: int
    action_workers: int
    tf_threads: int  # 0: TensorFlow's default (one thread per core)
    routing: str

    @property
    def label(self) -> str:
        workers = f"×{self.sanic_workers}w" if self.sanic_workers > 1 else ""
        tf = f" tf{self.tf_threads}" if self.tf_threads else " tf-default"
        return f"ours {self.replicas}r{workers}{tf}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Simulated residents against our production-shaped bot and a `rasa init` "
        "reference; writes bench/results/latest.json and bench/report.md.",
    )
    parser.add_argument("--users", type=int, default=20, help="concurrent residents (20)")
    parser.add_argument(
        "--duration",
        type=float,
        default=60,
        help="measured seconds per system, after the warm-up (60)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=15,
        help="seconds of load before the window, not counted (15)",
    )
    parser.add_argument(
        "--conversations",
        type=int,
        default=None,
        help="also end the window after this many completed conversations",
    )
    parser.add_argument(
        "--replicas",
        default="1,2",
        help="our configurations to measure, comma-separated: R replicas or RxW (replicas × "
        "SANIC_WORKERS each), optionally +tfN (TF threads, overrides --tf-threads), "
        "e.g. 1,2,3+tf0 (default 1,2)",
    )
    parser.add_argument(
        "--action-workers", type=int, default=1, help="uvicorn workers of the action server (1)"
    )
    parser.add_argument(
        "--tf-threads",
        type=int,
        default=1,
        help="TF intra/inter-op threads and OMP_NUM_THREADS per Rasa process; "
        "0 = TensorFlow's default (1)",
    )
    parser.add_argument(
        "--routing",
        choices=["message", "least", "conversation"],
        default="least",
        help="per message to the replica with the fewest requests in flight (what the proxy's "
        "least_conn does; turns of a conversation still land on different replicas), per "
        "message round robin, or round robin per conversation (least)",
    )
    parser.add_argument(
        "--think", default="0", help="think time between turns in seconds, e.g. 0 or 0.5-2 (0)"
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds per turn (30)")
    parser.add_argument(
        "--skip-reference", action="store_true", help="measure only ours (no ratios)"
    )
    parser.add_argument("--skip-ours", action="store_true", help="measure only the reference")
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
        help="PostgreSQL whose user may CREATE DATABASE (env BENCH_POSTGRES_URL)",
    )
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS", "127.0.0.1:6379/0"),
        help="Redis host:port/db for the lock store (env BENCH_REDIS)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "report.md")
    args = parser.parse_args(argv)
    if args.users < 1 or args.duration <= 0 or args.warmup < 0:
        parser.error("--users must be >= 1, --duration > 0, --warmup >= 0")
    try:
        args.configs = [_config(item, args) for item in args.replicas.split(",") if item.strip()]
        low, _, high = args.think.partition("-")
        args.think_range = (float(low), float(high or low))
    except ValueError as error:
        parser.error(str(error))
    return args


def _config(item: str, args: argparse.Namespace) -> Config:
    """`R[xW][+tfN]`: R replicas of W Sanic workers; TF threads N."""
    shape, *modifiers = item.strip().lower().split("+")
    replicas, _, workers = shape.partition("x")
    tf_threads = args.tf_threads
    for modifier in modifiers:
        if modifier.startswith("tf"):
            tf_threads = int(modifier[2:])
        else:
            raise ValueError(f"bad configuration {item!r}: unknown {modifier!r}")
    config = Config(int(replicas), int(workers or 1), args.action_workers, tf_threads, args.routing)
    if config.replicas < 1 or config.sanic_workers < 1 or config.tf_threads < 0:
        raise ValueError(f"bad configuration {item!r}")
    return config


# --- a ledger of what is running, so that a killed run is cleaned up by the next ------------
def _ledger_add(kind: str, value: Any) -> None:
    data = json.loads(LEDGER.read_text()) if LEDGER.exists() else {}
    data.setdefault(kind, []).append(value)
    LEDGER.parent.mkdir(parents=True, exist_ok=True)
    LEDGER.write_text(json.dumps(data))


def _ledger_remove(kind: str, value: Any) -> None:
    if not LEDGER.exists():
        return
    data = json.loads(LEDGER.read_text())
    data[kind] = [v for v in data.get(kind, []) if v != value]
    LEDGER.write_text(json.dumps(data))


def _forget_ledger_if_clean() -> None:
    """Remove this run's ledger once everything it recorded has been removed."""
    if LEDGER.exists() and not any(json.loads(LEDGER.read_text() or "{}").values()):
        LEDGER.unlink()


def _owner_alive(pid: int) -> bool:
    try:
        return "bench" in " ".join(psutil.Process(pid).cmdline())
    except psutil.Error:
        return False


def clean_leftovers(postgres: Postgres, redis: Redis) -> None:
    """Stop servers and drop databases that killed earlier runs left (only what they
    recorded); a bench still running (its ledger's owner is alive) is left alone."""
    for ledger in sorted(LEDGERS.glob("*.json")) if LEDGERS.exists() else []:
        if ledger == LEDGER or (ledger.stem.isdigit() and _owner_alive(int(ledger.stem))):
            continue
        data = json.loads(ledger.read_text() or "{}")
        for pgid in data.get("pgids", []):
            try:
                leader = psutil.Process(pgid)
                if os.getpgid(pgid) == pgid and str(ROOT) in " ".join(leader.cmdline()):
                    print(f"bench: stopping process group {pgid} left by an earlier run")
                    os.killpg(pgid, signal.SIGKILL)
            except (psutil.Error, ProcessLookupError, PermissionError):
                pass
        for database in data.get("databases", []):
            print(f"bench: dropping database {database} left by an earlier run")
            postgres.drop(database)
        for prefix in data.get("redis_prefixes", []):
            redis.delete_prefix(prefix)
        ledger.unlink()


@contextmanager
def tracked(server: Server) -> Iterator[Server]:
    """Stop the server when the block ends; record it in the ledger while it runs."""
    _ledger_add("pgids", server.process.pid)
    try:
        with running(server):
            yield server
    finally:
        _ledger_remove("pgids", server.process.pid)


@contextmanager
def tracked_databases(postgres: Postgres, *names: str) -> Iterator[None]:
    for name in names:
        _ledger_add("databases", name)
    try:
        with databases(postgres, *names):
            yield
    finally:
        for name in names:
            _ledger_remove("databases", name)


# --- measuring one system -------------------------------------------------------------------
def _load(
    args: argparse.Namespace,
    urls: list[str],
    script: tuple[scenarios.Scenario, ...],
    run_id: str,
    sampler: Sampler,
) -> Any:
    """Smoke test, then the load; CPU marks at the window's start and end."""
    problems = asyncio.run(smoke(urls, script, run_id))
    if problems:
        raise RuntimeError(
            "the bot did not answer the scripts as expected:\n" + "\n".join(problems)
        )

    async def with_marks() -> Any:
        loop = asyncio.get_running_loop()
        loop.call_later(args.warmup, sampler.mark, "start")
        result = await run_load(
            urls,
            script,
            args.users,
            args.warmup,
            args.duration,
            run_id,
            conversations=args.conversations,
            routing=args.routing,
            timeout=args.timeout,
            think=args.think_range,
        )
        sampler.mark("end")
        return result

    return asyncio.run(with_marks())


def measure_reference(args: argparse.Namespace, run_id: str, logs: Path) -> report.SystemRun:
    print("bench: reference — `rasa init` bot (trained once, cached in bench/.work/)", flush=True)
    project, model = reference_model(WORK, WORK / "reference-train.log")
    token = secrets.token_urlsafe(24)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with ExitStack() as stack, Sampler() as sampler:
        for name, pid in shared_services().items():
            sampler.watch(name, pid)
        sampler.watch("load generator", os.getpid(), children=False)  # servers are children
        server = stack.enter_context(
            tracked(
                start(
                    "reference rasa",
                    "reference",
                    [
                        str(RASA),
                        "run",
                        "--enable-api",
                        "--auth-token",
                        token,
                        "--model",
                        str(model),
                        "--interface",
                        "127.0.0.1",
                        "--port",
                        str(port),
                    ],
                    project,
                    {},
                    logs / "reference.log",
                    url,
                )
            )
        )
        sampler.watch(server.name, server.process.pid)
        startup = wait_until_up(server, f"{url}/status?token={token}", 300)
        print(
            f"bench: reference up in {startup:.0f} s; load for "
            f"{args.warmup:.0f}+{args.duration:.0f} s",
            flush=True,
        )
        load = _load(args, [url], scenarios.REFERENCE, run_id, sampler)
    return report.SystemRun(
        "reference",
        "reference",
        {"reference": True, "replicas": 1},
        load,
        sampler.usage,
        _roles(sampler, {server.name: "reference"}),
        {server.name: startup},
        sampler.machine_busy,
    )


def _roles(sampler: Sampler, known: dict[str, str]) -> dict[str, str]:
    roles = {name: known.get(name, "shared") for name in sampler.usage}
    roles["load generator"] = "bench"
    return roles


def measure_ours(
    args: argparse.Namespace, config: Config, index: int, run_id: str, logs: Path
) -> report.SystemRun:
    print(f"bench: {config.label} — {config}", flush=True)
    postgres, redis = Postgres.from_url(args.postgres), _redis(args.redis)
    actions_db, tracker_db = f"bench_{run_id}_{index}_actions", f"bench_{run_id}_{index}_tracker"
    prefix = f"bench{run_id}{index}"  # Rasa accepts only an alphanumeric key prefix
    roles: dict[str, str] = {}
    startup: dict[str, float] = {}
    with ExitStack() as stack, Sampler() as sampler:
        for name, pid in shared_services().items():
            sampler.watch(name, pid)
        sampler.watch("load generator", os.getpid(), children=False)  # servers are children
        stack.enter_context(tracked_databases(postgres, actions_db, tracker_db))
        _ledger_add("redis_prefixes", prefix + ":")
        stack.callback(_ledger_remove, "redis_prefixes", prefix + ":")
        stack.callback(redis.delete_prefix, prefix + ":")
        database_url = postgres.url(actions_db)
        run_checked(
            [str(HOUSING_GUIDE), "migrate"],
            ROOT,
            {"DATABASE_URL": database_url},
            logs / f"{index}-migrate.log",
            timeout=300,
        )

        actions_port = free_port()
        actions_url = f"http://127.0.0.1:{actions_port}"
        actions = stack.enter_context(
            tracked(
                start(
                    "action server",
                    "actions",
                    [
                        str(UVICORN),
                        "actions.app:create_app",
                        "--factory",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(actions_port),
                        "--workers",
                        str(config.action_workers),
                        "--no-access-log",
                    ],
                    ROOT,
                    {
                        "DATABASE_URL": database_url,
                        "SECRET_KEY": secrets.token_urlsafe(48),
                        "LOG_LEVEL": "WARNING",
                    },
                    logs / f"{index}-actions.log",
                    actions_url,
                )
            )
        )
        sampler.watch(actions.name, actions.process.pid)
        roles[actions.name] = "actions"

        token = secrets.token_urlsafe(24)
        rasa_env = {
            "ACTION_ENDPOINT_URL": f"{actions_url}/webhook",
            "TRACKER_DB_HOST": postgres.host,
            "TRACKER_DB_PORT": str(postgres.port),
            "TRACKER_DB_NAME": tracker_db,
            "TRACKER_DB_USER": postgres.user,
            "TRACKER_DB_PASSWORD": postgres.password,
            "TRACKER_DB_LOGIN_DB": "",  # empty: Rasa does not create the database; we did
            "REDIS_HOST": redis.host,
            "REDIS_PORT": str(redis.port),
            "REDIS_DB": str(redis.db),
            "REDIS_KEY_PREFIX": prefix,
            "SANIC_WORKERS": str(config.sanic_workers),
        }
        rasa_env = _fill_endpoint_variables(rasa_env)
        if config.tf_threads:
            threads = str(config.tf_threads)
            rasa_env |= {
                "TF_INTRA_OP_PARALLELISM_THREADS": threads,
                "TF_INTER_OP_PARALLELISM_THREADS": threads,
                "OMP_NUM_THREADS": threads,
            }
        replicas: list[Server] = []
        for number in range(config.replicas):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            replica = stack.enter_context(
                tracked(
                    start(
                        f"rasa replica {number + 1}",
                        "rasa",
                        [
                            str(RASA),
                            "run",
                            "--enable-api",
                            "--auth-token",
                            token,
                            "--model",
                            str(MODEL),
                            "--endpoints",
                            "endpoints.production.yml",
                            "--credentials",
                            "credentials.yml",
                            "--interface",
                            "127.0.0.1",
                            "--port",
                            str(port),
                        ],
                        ROOT / "bot",
                        rasa_env,
                        logs / f"{index}-rasa-{number + 1}.log",
                        url,
                    )
                )
            )
            sampler.watch(replica.name, replica.process.pid)
            roles[replica.name] = "rasa"
            replicas.append(replica)
            if number == 0 and config.replicas > 1:
                # The first replica creates the tracker table before it loads the model; the
                # others start once it has, so that they do not race it but load in parallel.
                wait_for_log(replica, "Loading model", 300)
        startup[actions.name] = wait_until_up(actions, f"{actions_url}/health", 120)
        for replica in replicas:
            startup[replica.name] = wait_until_up(
                replica, f"{replica.url}/status?token={token}", 300
            )
        print(
            f"bench: {len(replicas)} replica(s) up; load for "
            f"{args.warmup:.0f}+{args.duration:.0f} s",
            flush=True,
        )
        load = _load(args, [r.url for r in replicas], scenarios.OURS, run_id, sampler)
        for replica in replicas:  # stop now, so that the next configuration starts on idle cores
            stop(replica)
    return report.SystemRun(
        config.label,
        "ours",
        {
            "replicas": config.replicas,
            "sanic_workers": config.sanic_workers,
            "action_workers": config.action_workers,
            "tf_threads": config.tf_threads,
            "routing": config.routing,
        },
        load,
        sampler.usage,
        _roles(sampler, roles),
        startup,
        sampler.machine_busy,
    )


def _fill_endpoint_variables(env: dict[str, str]) -> dict[str, str]:
    """Every ${VAR} of endpoints.production.yml must be set or Rasa refuses to start: take the
    bench's value, else the caller's environment, else an empty value (with a notice)."""
    text = (ROOT / "bot" / "endpoints.production.yml").read_text()
    text = re.sub(r"(?m)#.*$", "", text)  # comments mention ${VAR} too
    filled = dict(env)
    for name in sorted(set(re.findall(r"\$\{(\w+)\}", text)) - set(env)):
        if name not in os.environ:
            print(
                f"bench: endpoints.production.yml uses ${{{name}}}, unknown to the bench: "
                "set empty",
                flush=True,
            )
        filled[name] = os.environ.get(name, "")
    return filled


def _redis(spec: str) -> Redis:
    address, _, db = spec.partition("/")
    host, _, port = address.partition(":")
    return Redis(host or "127.0.0.1", int(port or 6379), int(db or 0))


# --- the run --------------------------------------------------------------------------------
def _git() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return commit + (" (uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _our_stack() -> list[str]:
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text())
    pipeline = ", ".join(c["name"].rsplit(".", 1)[-1] for c in config["pipeline"])
    policies = ", ".join(p["name"] for p in config["policies"])
    return [
        f"- Ours: pipeline {pipeline}; policies {policies} (bot/config.yml); model "
        f"{MODEL.relative_to(ROOT)} ({MODEL.stat().st_size / 1e6:.1f} MB). Production shape: "
        "`rasa run --enable-api --auth-token … --endpoints endpoints.production.yml` "
        "(ForgettingSQLTrackerStore on PostgreSQL, RedisLockStore), action server under "
        "uvicorn with PostgreSQL (`DATABASE_URL`, migrated with `housing-guide migrate`).",
    ]


ROUTING_NOTES = {
    "message": "each message goes to the next replica, round robin: consecutive turns of a "
    'conversation go to different replicas, so the expected-reply checks (e.g. "Read more" '
    "returns the article the previous turn gave) prove that the replicas share it.",
    "least": "each message goes to the replica with the fewest requests in flight (like "
    "nginx `least_conn`). In a closed loop this tends to keep a conversation on one replica "
    '(the one it just left has a request less), see "conversations on several replicas".',
    "conversation": "conversations are spread round robin, each staying on one replica.",
}


def _notes(args: argparse.Namespace) -> list[str]:
    notes = []
    if MODEL.exists():
        notes += _our_stack()
    notes += [
        "- Reference: `rasa init --no-prompt` (Rasa's default pipeline with DIETClassifier and "
        "ResponseSelector; MemoizationPolicy, RulePolicy, UnexpecTEDIntentPolicy, TEDPolicy), "
        "run as `rasa run --enable-api` with its in-memory tracker store and no action server, "
        "TensorFlow's default threading. Conversations in its own domain (greet, mood, "
        "affirm/deny, bot challenge, goodbye), five turns like ours.",
        "- Replicas share PostgreSQL and Redis; " + ROUTING_NOTES[args.routing],
        "- The load generator is one asyncio process with an aiohttp client (keep-alive "
        "connections); it used httpx until 2026-11-24, which cost it about 2 ms of CPU per "
        "turn on the cores the servers share, against under 1 ms now.",
        "- Each configuration gets fresh databases and Redis key prefix, a fresh action server "
        "and fresh replicas; a smoke pass (every script once, turn by turn) runs before the "
        "load and also warms up lazily loaded parts.",
        "- Everything, the load generator included, shares the machine's cores; PostgreSQL's "
        "and Redis' CPU seconds are listed as *postgresql* and *redis* (their memory is not "
        "ours and is not reported). CPU ms/turn counts the measured servers and these two, "
        "not the load generator (listed too, as *load generator*).",
    ]
    return notes


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for path, hint in ((RASA, "make envs"), (UVICORN, "make envs")):
        if not path.exists():
            print(f"bench: {path} is missing ({hint})", file=sys.stderr)
            return 2
    if not args.skip_ours and not MODEL.exists():
        print(f"bench: {MODEL} is missing (make model)", file=sys.stderr)
        return 2
    postgres, redis = Postgres.from_url(args.postgres), _redis(args.redis)
    if not args.skip_ours:
        try:
            redis.ping()
            postgres.drop("bench_probe_never_exists")
        except Exception as error:
            print(f"bench: PostgreSQL or Redis not reachable: {error}", file=sys.stderr)
            return 2
        clean_leftovers(postgres, redis)

    def terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    run_id = secrets.token_hex(3)
    logs = WORK / "logs" / run_id
    started = datetime.now().astimezone()
    load_average = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    runs: list[report.SystemRun] = []
    began = time.monotonic()
    try:
        if not args.skip_reference:
            runs.append(measure_reference(args, run_id, logs))
        if not args.skip_ours:
            for index, config in enumerate(args.configs):
                runs.append(measure_ours(args, config, index, run_id, logs))
    except KeyboardInterrupt:
        print(
            "bench: interrupted; servers stopped, databases and Redis keys removed", file=sys.stderr
        )
        return 130
    except RuntimeError as error:
        print(f"bench: {error}\nlogs: {logs}", file=sys.stderr)
        return 1
    finally:
        _forget_ledger_if_clean()
    memory = psutil.virtual_memory().total / 2**30
    meta = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now().astimezone().isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - began),
        "machine": f"{platform.node()}: {os.cpu_count()} CPUs, {memory:.0f} GiB, "
        f"{platform.system()} {platform.release()}",
        "load_average_at_start": load_average,
        "git": _git(),
        "rasa_version": rasa_version(),
        "command": "python -m bench "
        + (shlex.join(sys.argv[1:] if argv is None else argv) or "(defaults)"),
        "users": args.users,
        "warmup": args.warmup,
        "duration": args.duration,
        "conversations": args.conversations,
        "think": args.think,
        "timeout": args.timeout,
        "routing": args.routing,
        "logs": str(logs.relative_to(ROOT)),
        "notes": _notes(args),
    }
    data = report.build(runs, meta)
    report.write_json(data, args.out)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report.markdown(data))
    print(report.summary(data))
    print(
        f"bench: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}, "
        f"{args.report}; logs in {logs}"
    )
    return 0
