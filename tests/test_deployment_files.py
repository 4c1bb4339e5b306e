"""docker-compose.yml is valid Compose and wires the services as the app expects."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from actions.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
README = (ROOT / "README.md").read_text()


def test_compose_file_follows_the_compose_specification() -> None:
    schema = json.loads((ROOT / "tests" / "schemas" / "compose-spec.json").read_text())
    jsonschema.validate(COMPOSE, schema)


@pytest.mark.parametrize("service", ["rasa", "actions", "postgres", "redis"])
def test_every_service_has_a_health_check_and_a_restart_policy(service: str) -> None:
    definition = COMPOSE["services"][service]
    assert definition["healthcheck"]["test"]
    assert definition["restart"] == "unless-stopped"


def test_services_start_in_dependency_order() -> None:
    services = COMPOSE["services"]
    assert services["actions"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["rasa"]["depends_on"]["actions"]["condition"] == "service_healthy"


def test_rasa_calls_the_action_server_by_its_service_name_and_port() -> None:
    url = COMPOSE["services"]["rasa"]["environment"]["ACTION_ENDPOINT_URL"]
    assert url == "http://actions:5055/webhook"
    assert "${ACTION_ENDPOINT_URL}" in (ROOT / "bot" / "endpoints.yml").read_text()


def test_action_server_variables_are_settings_and_documented() -> None:
    variables = set(COMPOSE["services"]["actions"]["environment"])
    setting_names = {name.upper() for name in Settings.model_fields}
    assert variables <= setting_names
    assert setting_names <= variables, "compose should set every setting the app reads"
    for name in setting_names | {"ACTION_ENDPOINT_URL", "POSTGRES_PASSWORD"}:
        assert re.search(rf"^\| `{name}` \|", README, re.MULTILINE), f"{name} not in README"


def test_no_secret_is_committed_in_the_compose_file() -> None:
    environment = COMPOSE["services"]["actions"]["environment"]
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert (
        "${POSTGRES_PASSWORD:?"
        in COMPOSE["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"]
    )


@pytest.mark.parametrize("service", ["rasa", "actions"])
def test_built_services_have_their_dockerfile(service: str) -> None:
    build = COMPOSE["services"][service]["build"]
    assert (ROOT / build["context"] / build["dockerfile"]).is_file()
