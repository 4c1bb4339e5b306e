"""Persistence: SQLAlchemy 2.0 models, the engine factory and repositories."""
