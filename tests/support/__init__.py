"""Helpers shared by the tests: databases, tracker JSON, running servers."""
