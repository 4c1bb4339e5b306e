"""Identity codes, IBANs and card numbers never reach storage or logs; other numbers stay."""

from __future__ import annotations

import logging

import pytest

from actions.privacy.redaction import RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hetu 131052-308T kiitos", "hetu [hetu] kiitos"),
        ("rakam 010101A123N", "rakam [hetu]"),
        ("tilille FI21 1234 5600 0007 85 maksettu", "tilille [iban] maksettu"),
        ("IBAN FI2112345600000785", "IBAN [iban]"),
        ("card 4111 1111 1111 1111 ok", "card [card] ok"),
        ("4111-1111-1111-1111", "[card]"),
    ],
)
def test_personal_numbers_are_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "vuokra 850 euroa, eräpäivä 15.12.2026",
        "soita 044 482 6769",
        "131052-308X is not a valid code",
        "FI21 1234 5600 0007 86 has a bad checksum",
        "order 1234 5678 9012 3456",
    ],
)
def test_ordinary_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


def test_log_records_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="test.redaction"):
        logger.info("message from %s: %s", "resident", "my hetu is 131052-308T")
    assert "131052-308T" not in caplog.text
    assert "[hetu]" in caplog.text


def test_the_app_redacts_what_any_logger_writes(capfd: pytest.CaptureFixture[str]) -> None:
    from actions.app import configure_logging

    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers = [logging.StreamHandler()]
    try:
        configure_logging("INFO")
        logging.getLogger("rasa_sdk.executor").warning("slot value %s", "FI21 1234 5600 0007 85")
    finally:
        root.handlers = saved
    logged = capfd.readouterr().err
    assert "[iban]" in logged and "FI21 1234" not in logged
