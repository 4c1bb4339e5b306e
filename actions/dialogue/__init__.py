"""Rasa custom actions, grouped by feature; each renders text in the conversation's language."""
