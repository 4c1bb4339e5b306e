"""Rasa's action-server HTTP API (`POST /webhook`), served by FastAPI."""
