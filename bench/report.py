"""Figures from a run: latency percentiles, throughput, errors, memory; JSON and Markdown.

The JSON (bench/results/latest.json) keeps every figure for tools; the Markdown
(bench/report.md, committed) is for people and states the targets, which configuration met
them and how the run was made.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import LoadResult, TurnResult, error_counts
from bench.processes import Usage

MB = 1024 * 1024
RSS_LIMIT_MB = 1536  # target: a Rasa replica stays under 1.5 GB
P95_RATIO_TARGET = 0.5  # our p95 at most half of the reference's
THROUGHPUT_RATIO_TARGET = 2.0  # our messages per second at least twice the reference's


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of `values`; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_figures(turns: list[TurnResult]) -> dict[str, float]:
    ok = [t.latency * 1000 for t in turns if t.error is None]
    return {
        "p50_ms": round(percentile(ok, 50), 1),
        "p95_ms": round(percentile(ok, 95), 1),
        "p99_ms": round(percentile(ok, 99), 1),
        "max_ms": round(max(ok, default=math.nan), 1),
        "mean_ms": round(sum(ok) / len(ok), 1) if ok else math.nan,
    }


@dataclass
class SystemRun:
    """One measured system: the reference or one configuration of ours."""

    label: str
    kind: str  # "reference" or "ours"
    config: dict[str, Any]
    load: LoadResult
    usage: dict[str, Usage]
    roles: dict[str, str]
    startup_seconds: dict[str, float] = field(default_factory=dict)
    machine_busy: dict[str, float] = field(default_factory=dict)

    def figures(self) -> dict[str, Any]:
        turns = self.load.measured()
        window = max(self.load.window_end - self.load.window_start, 1e-9)
        errors = error_counts(turns)
        all_errors = error_counts(self.load.turns)
        by_language: dict[str, list[TurnResult]] = defaultdict(list)
        for turn in turns:
            by_language[turn.language].append(turn)
        processes: dict[str, dict[str, Any]] = {}
        cpu_total = watched = 0.0
        for name, usage in self.usage.items():
            cpu = usage.marks.get("end", 0.0) - usage.marks.get("start", 0.0)
            watched += cpu
            if self.roles[name] != "bench":  # what serving costs, not what asking costs
                cpu_total += cpu
            shared = self.roles[name] == "shared"
            processes[name] = {
                "role": self.roles[name],
                "peak_rss_mb": None if shared else round(usage.peak_rss / MB),
                "processes": usage.processes,
                "cpu_seconds_in_window": round(cpu, 1),
                "startup_seconds": round(self.startup_seconds.get(name, math.nan), 1),
            }
        busy = self.machine_busy.get("end", 0.0) - self.machine_busy.get("start", 0.0)
        return {
            "label": self.label,
            "kind": self.kind,
            "config": self.config,
            "users": self.load.users,
            "window_seconds": round(window, 1),
            "warmup_seconds": self.load.warmup_seconds,
            "turns": len(turns),
            "messages_per_second": round(len(turns) / window, 2),
            "conversations_completed": self.load.conversations_completed,
            **latency_figures(turns),
            "errors": sum(v for k, v in errors.items() if k != "unexpected"),
            "unexpected_replies": errors.get("unexpected", 0),
            "errors_by_kind": errors,
            "errors_including_warmup": all_errors,
            "error_samples": self.load.error_samples[:10],
            "cpu_ms_per_turn": round(cpu_total * 1000 / len(turns), 1) if turns else math.nan,
            "conversations_on_several_replicas": _spanning(turns),
            "slowest_turns": _slowest(turns),
            "by_language": {
                lang: {"turns": len(ts), **latency_figures(ts)}
                for lang, ts in sorted(by_language.items())
            },
            "processes": processes,
            # Cores kept busy by processes the bench does not run (others' training, tests...).
            "other_cores_busy": round(max(busy - watched, 0.0) / window, 2),
        }


def _spanning(turns: list[TurnResult]) -> float:
    """Share of the conversations whose turns were served by more than one replica."""
    replicas: dict[tuple[str, str], set[int]] = defaultdict(set)
    for t in turns:
        replicas[(t.scenario, t.sender)].add(t.replica)
    if not replicas:
        return math.nan
    return round(sum(len(r) > 1 for r in replicas.values()) / len(replicas), 3)


def _slowest(turns: list[TurnResult], count: int = 6) -> list[dict[str, Any]]:
    """The turns with the highest median latency: where a configuration spends its time."""
    by_turn: dict[tuple[str, int, str], list[float]] = defaultdict(list)
    for t in turns:
        if t.error is None:
            by_turn[(t.scenario, t.turn, t.message)].append(t.latency * 1000)
    rows: list[dict[str, Any]] = [
        {
            "scenario": k[0],
            "turn": k[1],
            "message": k[2],
            "count": len(v),
            "p50_ms": round(percentile(v, 50), 1),
            "p95_ms": round(percentile(v, 95), 1),
        }
        for k, v in by_turn.items()
    ]
    return sorted(rows, key=lambda r: -r["p50_ms"])[:count]


def verdict(ours: dict[str, Any], reference: dict[str, Any] | None) -> dict[str, Any]:
    """Targets for one of our configurations, as ratios to the reference where they are."""
    rasa_peaks = [p["peak_rss_mb"] for p in ours["processes"].values() if p["role"] == "rasa"]
    result: dict[str, Any] = {
        "zero_errors": ours["errors"] == 0 and ours["unexpected_replies"] == 0,
        "rasa_rss_under_1_5_gb": bool(rasa_peaks) and max(rasa_peaks) < RSS_LIMIT_MB,
    }
    if reference and reference["turns"]:
        p95_ratio = ours["p95_ms"] / reference["p95_ms"]
        throughput_ratio = ours["messages_per_second"] / reference["messages_per_second"]
        result.update(
            p95_ratio=round(p95_ratio, 3),
            throughput_ratio=round(throughput_ratio, 2),
            p95_at_most_half=p95_ratio <= P95_RATIO_TARGET,
            throughput_at_least_double=throughput_ratio >= THROUGHPUT_RATIO_TARGET,
        )
    checks = [v for k, v in result.items() if isinstance(v, bool)]
    result["all_targets_met"] = all(checks) and "p95_ratio" in result
    return result


def build(runs: list[SystemRun], meta: dict[str, Any]) -> dict[str, Any]:
    figures = [run.figures() for run in runs]
    reference = next((f for f in figures if f["kind"] == "reference"), None)
    for f in figures:
        if f["kind"] == "ours":
            f["targets"] = verdict(f, reference)
    return {"meta": meta, "systems": figures}


def write_json(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:,.1f}".replace(",", " ")
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    return str(value)


def _describe(config: dict[str, Any]) -> str:
    if config.get("reference"):
        return "`rasa init` mood bot, 1 process, in-memory tracker, TF default threads"
    tf = config["tf_threads"] or "TF default"
    return (
        f"{config['replicas']} Rasa replica(s) × {config['sanic_workers']} Sanic worker(s), "
        f"TF threads {tf}, action server {config['action_workers']} uvicorn worker(s), "
        f"routing per {config['routing']}; production shape"
    )


def markdown(data: dict[str, Any]) -> str:
    meta, systems = data["meta"], data["systems"]
    reference = next((s for s in systems if s["kind"] == "reference"), None)
    ours = [s for s in systems if s["kind"] == "ours"]
    lines = [
        "# Load benchmark",
        "",
        f"Run {meta['started']} → {meta['finished']} on {meta['machine']}; "
        f"git {meta['git']}; Rasa {meta['rasa_version']}.",
        f"Load average at start: {meta['load_average_at_start']}. Command: `{meta['command']}`.",
        "",
        f"{meta['users']} simulated residents, each holding five-turn conversations one after "
        f"another over the REST channel (closed loop, think time {meta['think']} s), "
        f"{meta['warmup']:g} s warm-up not counted, then a {meta['duration']:g} s window"
        + (f" (or {meta['conversations']} conversations)" if meta.get("conversations") else "")
        + ". Latency is per turn (message sent → whole reply received); throughput counts the "
        "turns completed in the window. An error is an HTTP error, a timeout "
        f"({meta['timeout']} s) or an empty reply; an *unexpected* reply is an answer that "
        'is not the expected one (e.g. "Read more" not giving the article just shown). '
        "*CPU ms/turn*: CPU time of the measured servers, PostgreSQL and Redis per turn. "
        "*Others' cores*: cores kept busy during the window by processes the bench does not "
        "run; above 0.1 the machine was not quiet, and the reference (one process, about one "
        "core) loses less to it than ours (several processes that can use both cores).",
        "",
        "## Results",
        "",
        "| System | Configuration | turns | msg/s | p50 ms | p95 ms | p99 ms | errors "
        "| unexpected | CPU ms/turn | others' cores |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in systems:
        lines.append(
            f"| {s['label']} | {_describe(s['config'])} | {s['turns']} | "
            f"{_fmt(s['messages_per_second'])} | {_fmt(s['p50_ms'])} | {_fmt(s['p95_ms'])} | "
            f"{_fmt(s['p99_ms'])} | {s['errors']} | {s['unexpected_replies']} | "
            f"{_fmt(s['cpu_ms_per_turn'])} | {_fmt(s['other_cores_busy'])} |"
        )
    if ours:
        lines += [
            "",
            "## Targets (at " + str(meta["users"]) + " concurrent residents)",
            "",
            "| Configuration | p95 / reference p95 (≤ 0.5) | msg/s / reference msg/s (≥ 2) "
            "| zero errors | Rasa replica < 1.5 GB | all met |",
            "|---|---:|---:|---|---|---|",
        ]
        for s in ours:
            t = s["targets"]
            lines.append(
                f"| {s['label']} | {_fmt(t.get('p95_ratio', math.nan))} "
                f"({_fmt(t.get('p95_at_most_half', False))}) | "
                f"{_fmt(t.get('throughput_ratio', math.nan))} "
                f"({_fmt(t.get('throughput_at_least_double', False))}) | "
                f"{_fmt(t['zero_errors'])} | {_fmt(t['rasa_rss_under_1_5_gb'])} | "
                f"{_fmt(t['all_targets_met'])} |"
            )
        if reference is None:
            lines += ["", "No reference in this run (--skip-reference): no ratios."]
    lines += [
        "",
        "## Memory and CPU per process",
        "",
        "Peak RSS summed over the process and its children (workers), sampled every 0.5 s from "
        "start to stop, model loading included; CPU seconds used during the measured window.",
        "",
        "| System | Process | processes | peak RSS MB | CPU s in window | start-up s |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in systems:
        for name, p in s["processes"].items():
            lines.append(
                f"| {s['label']} | {name} | {p['processes']} | {p['peak_rss_mb'] or '–'} | "
                f"{_fmt(p['cpu_seconds_in_window'])} | {_fmt(p['startup_seconds'])} |"
            )
    lines += [
        "",
        "## Latency per language",
        "",
        "| System | language | turns | p50 ms | p95 ms | p99 ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in systems:
        for lang, f in s["by_language"].items():
            lines.append(
                f"| {s['label']} | {lang} | {f['turns']} | {_fmt(f['p50_ms'])} | "
                f"{_fmt(f['p95_ms'])} | {_fmt(f['p99_ms'])} |"
            )
    lines += [
        "",
        "## Slowest turns (median latency)",
        "",
        "| System | conversation | turn | message | count | p50 ms | p95 ms |",
        "|---|---|---:|---|---:|---:|---:|",
    ]
    for s in systems:
        for row in s["slowest_turns"][:4]:
            message = str(row["message"]).replace("|", "/")
            lines.append(
                f"| {s['label']} | {row['scenario']} | {row['turn'] + 1} | {message} | "
                f"{row['count']} | {_fmt(row['p50_ms'])} | {_fmt(row['p95_ms'])} |"
            )
    spanning = [
        f"{s['label']} {s['conversations_on_several_replicas']:.0%}"
        for s in systems
        if s["config"].get("replicas", 1) > 1
    ]
    if spanning:
        lines += [
            "",
            "Conversations on several replicas (their turns served by more than one): "
            + ", ".join(spanning)
            + ".",
        ]
    samples = [(s["label"], e) for s in systems for e in s["error_samples"]]
    if samples:
        lines += ["", "## Error samples", ""]
        lines += [f"- {label}: `{text}`" for label, text in samples[:20]]
    lines += ["", "## How it was measured", "", *meta["notes"], ""]
    return "\n".join(lines)


def summary(data: dict[str, Any]) -> str:
    """A few lines for the terminal."""
    lines = []
    for s in data["systems"]:
        rss = ", ".join(
            f"{name} {p['peak_rss_mb']} MB"
            for name, p in s["processes"].items()
            if p["peak_rss_mb"] is not None
        )
        line = (
            f"{s['label']:>22}: {s['messages_per_second']:7.2f} msg/s  p50 {s['p50_ms']:7.1f}  "
            f"p95 {s['p95_ms']:7.1f}  p99 {s['p99_ms']:7.1f} ms  errors {s['errors']}  "
            f"unexpected {s['unexpected_replies']}  [{rss}]"
        )
        if "targets" in s:
            t = s["targets"]
            line += (
                f"\n{'':>24}p95 ratio {t.get('p95_ratio', '–')}  throughput ratio "
                f"{t.get('throughput_ratio', '–')}  all targets met: {t['all_targets_met']}"
            )
        lines.append(line)
    return "\n".join(lines)
