"""The resident's side of the hand-off: consent, contact details, urgency, contact time."""
