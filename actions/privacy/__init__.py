"""Personal data: redaction before storage and logging, purge and forget-me."""
