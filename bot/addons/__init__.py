"""Project add-ons loaded by Rasa from `bot/` (it puts its working directory on sys.path)."""

from addons import graph_schema_cache, response_validation

response_validation.install()
graph_schema_cache.install()
