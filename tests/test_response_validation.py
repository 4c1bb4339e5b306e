"""The faster response check in Rasa's process still refuses every malformed action response."""

from __future__ import annotations

import textwrap

from tests.support.servers import run_in_rasa_process

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
    assert run_in_rasa_process(CHECK) == "ok"
