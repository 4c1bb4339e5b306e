"""The faster response check in Rasa's process still refuses every malformed action response."""

from __future__ import annotations

import subprocess
import textwrap

from tests.support.servers import RASA, ROOT

CHECK = textwrap.dedent(
    """
    import jsonschema
    import addons  # installs the check, as Rasa's import of the pipeline's add-ons does
    from rasa.core.actions.action import RemoteAction
    from rasa.utils.endpoints import EndpointConfig

    spec = RemoteAction("x", EndpointConfig("http://unused")).action_response_format_spec()
    assert jsonschema.validate.__module__ == "addons.response_validation"
    good = {"events": [{"event": "slot", "name": "topic", "value": "deposit"}], "responses": []}
    for _ in range(3):
        jsonschema.validate(good, spec)
    for bad in ({"events": "not a list"}, {"events": [{"event": "no_such_event"}]}):
        try:
            jsonschema.validate(bad, spec)
        except jsonschema.ValidationError:
            continue
        raise SystemExit(f"accepted {bad}")
    print("ok")
    """
)


def test_rasa_still_rejects_malformed_action_responses() -> None:
    python = RASA.with_name("python")
    result = subprocess.run(
        [str(python), "-c", CHECK], cwd=ROOT / "bot", capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")
