"""Housing-guide action server: Rasa custom actions, hand-off tickets and the counsellor API."""
