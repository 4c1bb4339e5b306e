"""Key Finnish housing terms (`content/glossary.yml`), explained in English and Arabic.

In orientation sessions the web client highlights these terms wherever they occur in an
answer, in any column, and lists them under the answer in the newcomer's language. Finnish
inflects heavily, so each term is found by the word-start stems in `match`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from actions.content import ContentError, Source

GLOSSARY_FILE = "glossary.yml"
MIN_STEM_LENGTH = 4


class Term(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fi: str = Field(min_length=2)
    match: tuple[str, ...] = Field(min_length=1)
    en: str = Field(min_length=2)
    ar: str = Field(min_length=2)

    @field_validator("match")
    @classmethod
    def _lowercase_stems(cls, stems: tuple[str, ...]) -> tuple[str, ...]:
        for stem in stems:
            if stem != stem.lower() or len(stem) < MIN_STEM_LENGTH:
                raise ValueError(
                    f"stem {stem!r} must be lowercase, at least {MIN_STEM_LENGTH} long"
                )
        return stems


class Glossary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    reviewed: date
    sources: tuple[Source, ...] = Field(min_length=1)
    terms: tuple[Term, ...] = Field(min_length=1)

    def duplicate_stems(self) -> list[str]:
        seen: set[str] = set()
        duplicates = []
        for term in self.terms:
            for stem in term.match:
                if stem in seen:
                    duplicates.append(stem)
                seen.add(stem)
        return duplicates


def load_glossary(content_dir: Path) -> Glossary:
    path = content_dir / GLOSSARY_FILE
    try:
        return Glossary.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise ContentError(f"{path}: {error}") from error
