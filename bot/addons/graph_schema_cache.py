"""Compute each prediction graph's minimal schema once, not on every message.

Rasa 3.6 runs its graphs (NLU, then the policies for each predicted action) through
`DaskGraphRunner.run`, which first derives the sub-graph the targets need with
`GraphSchema.minimal_graph_schema`: a recursive walk over every path of the graph, repeated on
every run although a loaded model's graph never changes. Profiling a replica under load put
about 4 % of its time there (bench/report.md). This remembers the result per set of targets on
the runner's own schema; what runs, and in which order, is unchanged.

Installed when Rasa imports `addons` (the pipeline's custom components live here).
"""

from __future__ import annotations

import functools
from typing import Any

from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner

_MEMOIZED = "_minimal_schemas_memoized"


def memoize_minimal_schemas(schema: GraphSchema) -> None:
    """Give this schema object a remembering `minimal_graph_schema`."""
    if getattr(schema, _MEMOIZED, False):
        return
    compute = schema.minimal_graph_schema
    known: dict[tuple[str, ...] | None, GraphSchema] = {}

    def minimal_graph_schema(targets: list[str] | None = None) -> GraphSchema:
        key = tuple(targets) if targets else None
        if key not in known:
            known[key] = compute(targets)
        return known[key]

    schema.minimal_graph_schema = minimal_graph_schema  # type: ignore[method-assign]
    setattr(schema, _MEMOIZED, True)


def install() -> None:
    """Wrap `DaskGraphRunner.run` once: the runner's schema remembers its minimal schemas."""
    original_run = DaskGraphRunner.run
    if getattr(original_run, _MEMOIZED, False):
        return

    @functools.wraps(original_run)
    def run(self: DaskGraphRunner, *args: Any, **kwargs: Any) -> Any:
        memoize_minimal_schemas(self._graph_schema)
        return original_run(self, *args, **kwargs)

    setattr(run, _MEMOIZED, True)
    DaskGraphRunner.run = run  # type: ignore[method-assign]
