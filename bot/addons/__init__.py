"""Project add-ons loaded by Rasa from `bot/` (it puts its working directory on sys.path)."""

from addons import response_validation

response_validation.install()
