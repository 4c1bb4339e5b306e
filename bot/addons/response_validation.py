"""Validate action-server responses without re-checking Rasa's own schema on every call.

Rasa 3.6 checks every custom action's response with `jsonschema.validate(result, spec)`, and
jsonschema's `validate` first checks the *schema* against its meta-schema, on every call. For
Rasa's response schema that check costs about 30 ms of CPU, against under 1 ms for checking the
response itself: more than half of a turn's cost in Rasa (measured with bench/, see
bench/report.md). This keeps exactly the same check of each response (same `best_match`
error) and checks each distinct schema once.

Installed when Rasa imports `addons` (the pipeline's custom components live here).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from jsonschema import exceptions, validators

_MAX_SCHEMAS = 64
_validators: dict[str, Any] = {}


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """`jsonschema.validate`, with the schema itself checked once per distinct schema."""
    key = json.dumps(schema, sort_keys=True, default=str)
    validator = _validators.get(key)
    if validator is None:
        validator_class = cls or validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = validator_class(schema, *args, **kwargs)
        if len(_validators) < _MAX_SCHEMAS:
            _validators[key] = validator
    error = exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


def install() -> None:
    """Rasa imports `validate` from jsonschema inside the method that runs, so this applies."""
    jsonschema.validate = validate
