"""Filters of the log handlers (settings.LOGGING): logs stay short and never carry file contents."""

from __future__ import annotations

import logging

# Long enough for any message of ours, far too short for a file: WeasyPrint writes a whole data: URL
# (a photo, 1 MB and more) into a warning about an image it could not load.
MAX_MESSAGE = 500


class OneLineForbidden(logging.Filter):
    """A refused request (403) is routine — a user following an old link — not an error: one line,
    without the traceback Django attaches to it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


class Shortened(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if len(message) > MAX_MESSAGE:
            record.msg = f"{message[:MAX_MESSAGE]}… (сообщение сокращено: {len(message)} символов)"
            record.args = ()
        return True
