"""The reference bot: an untouched `rasa init` project, trained once and cached in bench/.work/.

`rasa init --no-prompt` writes Rasa's default "mood bot" (default pipeline with DIET and
ResponseSelector, policies with TEDPolicy and UnexpecTEDIntentPolicy) and trains it; nothing is
downloaded. Measuring it on the same machine in the same run turns our figures into ratios
that hold on a noisy machine. It runs as `rasa init` leaves it: in-memory tracker store, no
action server, TensorFlow's default threading.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.processes import RASA, run_checked


def rasa_version() -> str:
    """The installed Rasa's version, read from its package metadata (no Rasa import here)."""
    site = RASA.parent.parent / "lib"
    for metadata in site.glob("python3*/site-packages/rasa-*.dist-info/METADATA"):
        for line in metadata.read_text().splitlines():
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def reference_model(work: Path, log: Path) -> tuple[Path, Path]:
    """Return (project directory, trained model), creating and training them if missing.

    Training takes a few minutes on two cores; it happens once per Rasa version.
    """
    project = work / f"reference-rasa-{rasa_version()}"
    models = sorted((project / "models").glob("*.tar.gz")) if project.exists() else []
    if models:
        return project, models[-1]
    partial = project.with_name(project.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    run_checked(
        [str(RASA), "init", "--no-prompt", "--init-dir", str(partial)],
        cwd=partial,
        env={},
        log=log,
        timeout=1800,
    )
    models = sorted((partial / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError(f"`rasa init` trained no model; see {log}")
    shutil.rmtree(project, ignore_errors=True)
    partial.rename(project)
    return project, project / "models" / models[-1].name
