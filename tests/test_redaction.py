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
        # as residents type them: foreign digits, no-break and double spaces, dots, dashes
        ("رقمي الشخصي ١٣١٠٥٢-٣٠٨T", "رقمي الشخصي [hetu]"),
        ("شماره ۱۳۱۰۵۲-۳۰۸T", "شماره [hetu]"),
        ("hetu 131052\u2013308T", "hetu [hetu]"),
        ("hetu 131052\u2011308T", "hetu [hetu]"),
        ("رقم الهوية:131052-308T", "رقم الهوية:[hetu]"),
        ("tili FI21\u00a01234\u00a05600\u00a00007\u00a085", "tili [iban]"),
        ("tili FI21  1234  5600  0007  85.", "tili [iban]."),
        ("iban FI21.1234.5600.0007.85", "iban [iban]"),
        ("card 4111  1111  1111  1111", "card [card]"),
        ("card 4111.1111.1111.1111", "card [card]"),
        ("بطاقتي ٤١١١ ١١١١ ١١١١ ١١١١", "بطاقتي [card]"),
        ("kortti 4111\u202f1111\u202f1111\u202f1111", "kortti [card]"),
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
        "الإيجار ٨٥٠ يورو، آخر موعد ١٥/١٢/٢٠٢٦",
        "اتصل على ٠٤٤ ٤٨٢ ٦٧٦٩",
        "maksa 15.12.2026 viitteellä 1234 5678 9012 3",
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
