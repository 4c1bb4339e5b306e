"""docker-compose.yml is valid Compose and wires the services as the app expects; the proxy
(docker/nginx/default.conf) exposes only the chat channels, the web chat and the counsellors' pages.
"""

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
NGINX = (ROOT / "docker" / "nginx" / "default.conf").read_text()
PRODUCTION_ENDPOINTS = (ROOT / "bot" / "endpoints.production.yml").read_text()
SERVICES = COMPOSE["services"]
PRODUCTION_SERVICES = ["proxy", "rasa", "actions", "postgres", "redis"]


def test_compose_file_follows_the_compose_specification() -> None:
    schema = json.loads((ROOT / "tests" / "schemas" / "compose-spec.json").read_text())
    jsonschema.validate(COMPOSE, schema)


@pytest.mark.parametrize("service", [*PRODUCTION_SERVICES, "rasa-dev", "actions-dev"])
def test_every_service_has_a_health_check_and_a_restart_policy(service: str) -> None:
    definition = COMPOSE["services"][service]
    assert definition["healthcheck"]["test"]
    assert definition["restart"] == "unless-stopped"


def test_services_start_in_dependency_order() -> None:
    services = COMPOSE["services"]
    assert services["actions"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["rasa"]["depends_on"]["actions"]["condition"] == "service_healthy"
    for store in ("postgres", "redis"):
        assert services["rasa"]["depends_on"][store]["condition"] == "service_healthy"
    for upstream in ("rasa", "actions"):
        assert services["proxy"]["depends_on"][upstream]["condition"] == "service_healthy"


def test_rasa_calls_the_action_server_by_its_service_name_and_port() -> None:
    url = COMPOSE["services"]["rasa"]["environment"]["ACTION_ENDPOINT_URL"]
    assert url == "http://actions:5055/webhook"
    assert "${ACTION_ENDPOINT_URL}" in (ROOT / "bot" / "endpoints.yml").read_text()


def test_action_server_variables_are_settings_and_documented() -> None:
    variables = set(COMPOSE["services"]["actions"]["environment"])
    setting_names = {name.upper() for name in Settings.model_fields}
    assert variables <= setting_names
    assert setting_names <= variables, "compose should set every setting the app reads"
    for name in setting_names | {"ACTION_ENDPOINT_URL", "POSTGRES_PASSWORD", "RASA_AUTH_TOKEN"}:
        assert re.search(rf"^\| `{name}` \|", README, re.MULTILINE), f"{name} not in README"


def test_no_secret_is_committed_in_the_compose_file() -> None:
    environment = COMPOSE["services"]["actions"]["environment"]
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert (
        "${POSTGRES_PASSWORD:?"
        in COMPOSE["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"]
    )
    assert SERVICES["rasa"]["environment"]["RASA_AUTH_TOKEN"].startswith("${RASA_AUTH_TOKEN:?")
    secret_names = re.compile(r"(PASSWORD|SECRET_KEY|AUTH_TOKEN|DATABASE_URL)$")
    for name in PRODUCTION_SERVICES:
        for key, value in (SERVICES[name].get("environment") or {}).items():
            if secret_names.search(key):
                # the value, or its password part, comes from a required variable
                assert re.search(r"\$\{[A-Z_]+:\?[^}]*\}", str(value)), f"{name}.{key}"


def published_ports(service: str) -> list[str]:
    return [str(port) for port in SERVICES[service].get("ports") or []]


def test_only_the_proxy_is_published() -> None:
    assert published_ports("proxy")
    for service in ("rasa", "actions", "postgres", "redis"):
        assert published_ports(service) == [], f"{service} must stay on the internal network"
    for service in ("rasa-dev", "actions-dev"):  # development: loopback only
        assert all(port.startswith("127.0.0.1:") for port in published_ports(service))


def test_rasa_replicas_can_be_scaled() -> None:
    rasa = SERVICES["rasa"]
    assert "container_name" not in rasa and "ports" not in rasa
    assert rasa["deploy"]["replicas"] >= 2
    assert "profiles" not in rasa


def test_rasa_runs_on_the_production_stores_with_a_protected_api() -> None:
    rasa = SERVICES["rasa"]
    command = " ".join(rasa["command"])
    assert "--endpoints endpoints.production.yml" in command
    assert '--auth-token="$$RASA_AUTH_TOKEN"' in command
    assert "--enable-api" in command
    assert "RASA_AUTH_TOKEN" in " ".join(rasa["healthcheck"]["test"])
    # Every variable the production endpoints read is set for the rasa service.
    uncommented = re.sub(r"#.*", "", PRODUCTION_ENDPOINTS)
    needed = set(re.findall(r"\$\{([A-Z_]+)\}", uncommented))
    assert needed and needed <= set(rasa["environment"])
    assert rasa["environment"]["REDIS_KEY_PREFIX"].isalnum()


def test_production_endpoints_use_postgresql_and_redis() -> None:
    endpoints = yaml.safe_load(PRODUCTION_ENDPOINTS)
    tracker, lock = endpoints["tracker_store"], endpoints["lock_store"]
    assert tracker["type"] == "addons.forgetting_tracker_store.ForgettingSQLTrackerStore"
    assert tracker["dialect"] == "postgresql"
    assert lock["type"] == "addons.atomic_lock_store.AtomicRedisLockStore"
    for value in [*tracker.values(), *lock.values()]:
        if value not in (tracker["type"], tracker["dialect"], lock["type"]):
            assert re.fullmatch(r"\$\{[A-Z_]+\}", str(value)), value


def test_development_profile_stays_on_the_embedded_defaults() -> None:
    rasa, actions = SERVICES["rasa-dev"], SERVICES["actions-dev"]
    assert rasa["profiles"] == actions["profiles"] == ["dev"]
    assert "endpoints.yml" in rasa["command"] and "--auth-token" not in rasa["command"]
    assert rasa["environment"]["ACTION_ENDPOINT_URL"] == "http://actions-dev:5055/webhook"
    assert actions["environment"]["DATABASE_URL"].startswith("sqlite:")
    for name in PRODUCTION_SERVICES:
        assert "profiles" not in SERVICES[name]


def test_the_action_server_migrates_before_it_starts() -> None:
    dockerfile = (ROOT / "docker" / "actions.Dockerfile").read_text()
    [command] = [line for line in dockerfile.splitlines() if line.startswith("CMD")]
    assert command.index("housing-guide migrate &&") < command.index("uvicorn")
    assert "command" not in SERVICES["actions"]  # the image's command runs


def test_the_chat_channels_keep_messages_for_the_action_server() -> None:
    credentials = yaml.safe_load((ROOT / "bot" / "credentials.yml").read_text())
    assert set(credentials) == {
        "addons.resilient_channels.ResilientRestInput",
        "addons.resilient_channels.ResilientSocketIOInput",
    }
    rasa_image = (ROOT / "docker" / "rasa.Dockerfile").read_text()
    assert "COPY content/" in rasa_image  # content/<lang>/system.yml


# --- the proxy ------------------------------------------------------------------------------


def nginx_blocks(kind: str) -> dict[str, str]:
    """`location` or `upstream` blocks of the proxy's configuration: {"= /path": body}."""
    blocks = {}
    for match in re.finditer(rf"^\s*{kind}\s+([^{{]+?)\s*{{", NGINX, re.MULTILINE):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(NGINX[end], 0)
            end += 1
        blocks[match.group(1)] = NGINX[match.end() : end - 1]
    return blocks


LOCATIONS = nginx_blocks("location")
UPSTREAMS = nginx_blocks("upstream")


def routed_to(path: str) -> str | None:
    """Where nginx sends `path` (exact match first, then the longest prefix): the upstream's
    name, or None when it answers by itself (404)."""
    path = path.split("?")[0]
    if f"= {path}" in LOCATIONS:
        body = LOCATIONS[f"= {path}"]
    else:
        prefixes = [p for p in LOCATIONS if not p.startswith(("=", "~")) and path.startswith(p)]
        body = LOCATIONS[max(prefixes, key=len)]
    target = re.search(r"proxy_pass\s+http://(\w+)", body)
    return target.group(1) if target else None


def test_nginx_has_only_exact_and_prefix_locations() -> None:
    assert LOCATIONS and not [p for p in LOCATIONS if p.startswith("~")]
    assert "return 404" in LOCATIONS["/"]


def test_the_proxy_routes_the_chat_channels_to_rasa() -> None:
    assert routed_to("/webhooks/rest/webhook") == "rasa_rest"
    assert routed_to("/socket.io/?EIO=4&transport=polling") == "rasa_replicas"


def test_rest_messages_go_to_the_least_busy_replica() -> None:
    assert "least_conn;" in UPSTREAMS["rasa_rest"]
    assert re.search(r"keepalive \d+;", UPSTREAMS["rasa_rest"])


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/widget/widget.js",
        "/widget/strings/fi",
        "/articles/fi/deposit",
        "/feedback",
        "/inbox",
        "/inbox/login",
        "/inbox/static/inbox.js",
        "/api/tickets",
        "/api/auth/token",
        "/docs",
        "/openapi.json",
    ],
)
def test_the_proxy_routes_web_pages_and_counsellors_to_the_action_server(path: str) -> None:
    assert routed_to(path) == "action_server"


@pytest.mark.parametrize(
    "path",
    [
        "/conversations/someone/tracker",
        "/conversations/someone/messages",
        "/model",
        "/model/parse",
        "/status",
        "/version",
        "/domain",
        "/webhook",
        "/actions",
        "/health",
        "/webhooks/rest/",
        "/webhooks/socketio/webhook",
    ],
)
def test_the_proxy_does_not_route_internal_endpoints(path: str) -> None:
    assert routed_to(path) is None


def test_socketio_gets_websocket_upgrades_and_sticky_sessions() -> None:
    server_level = NGINX.split("server {", 1)[1]
    assert "proxy_set_header Upgrade $http_upgrade;" in server_level
    assert "proxy_set_header Connection $connection_upgrade;" in server_level
    assert "proxy_http_version 1.1;" in server_level
    # A location's own proxy_set_header would silently drop the server-level ones.
    assert not [p for p, body in LOCATIONS.items() if "proxy_set_header" in body]
    assert "ip_hash;" in UPSTREAMS["rasa_replicas"]


def test_upstreams_are_the_compose_services() -> None:
    assert re.search(r"server rasa:5005\b", UPSTREAMS["rasa_replicas"])
    assert re.search(r"server rasa:5005\b", UPSTREAMS["rasa_rest"])
    assert re.search(r"server actions:5055\b", UPSTREAMS["action_server"])
    assert "5005" in SERVICES["rasa"]["expose"] and "5055" in SERVICES["actions"]["expose"]
    mounts = [volume.split(":")[0] for volume in SERVICES["proxy"]["volumes"]]
    assert "./docker/nginx/default.conf" in mounts


@pytest.mark.parametrize("service", ["rasa", "actions"])
def test_built_services_have_their_dockerfile(service: str) -> None:
    build = COMPOSE["services"][service]["build"]
    assert (ROOT / build["context"] / build["dockerfile"]).is_file()
