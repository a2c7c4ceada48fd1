"""Logs that cannot leak what they must not hold.

Each request line records the route *pattern* (for example `/formular/status/<token>`), never the
concrete path, query string, client address or user agent: status tokens travel in paths, and a
log line must never contain a token or anything typed into a form.

Unhandled exceptions are logged the same way (security review M4): Flask's own `log_exception`
writes `Exception on <path>` with the full traceback, and the exception's message can quote a
token, SQL parameters or form data. Here a 500 logs the route pattern, the method, the exception
types (with their causes) and where they were raised (file, line, function), never a message.
Other libraries' exception logs (the rate limiter's) pass through the same reduction, and the
rate limiter's own lines, which carry its client keys, are not logged at all (review L9).
"""

from __future__ import annotations

import logging
import time
import traceback

from flask import Flask, g, request

logger = logging.getLogger("norrsken.access")

FRAMES_SHOWN = 6


def describe_exception(error: BaseException) -> str:
    """`TypeName (file.py:12 in function ← …)`, for the error and each cause; no messages."""
    parts, seen = [], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frames = traceback.extract_tb(error.__traceback__)[-FRAMES_SHOWN:]
        where = " ← ".join(
            f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}"
            for frame in reversed(frames)
        )
        name = f"{type(error).__module__}.{type(error).__qualname__}"
        parts.append(f"{name} ({where})" if where else name)
        error = error.__cause__ or error.__context__
    return "; caused by ".join(parts)


class TypesOnly(logging.Filter):
    """Replaces a record's traceback by `describe_exception`: exception types and places only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.getMessage()}: {describe_exception(record.exc_info[1])}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def log_exception(app: Flask, exc_info) -> None:
    """Replacement for Flask.log_exception: the route pattern, never the path."""
    rule = request.url_rule.rule if request.url_rule is not None else "<no route>"
    app.logger.error(
        "Exception on %s [%s]: %s", rule, request.method, describe_exception(exc_info[1])
    )


def _start_timer() -> None:
    g.request_started = time.perf_counter()


def _log_request(response):
    rule = request.url_rule.rule if request.url_rule is not None else "<no route>"
    elapsed_ms = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
    logger.info("%s %s %s %.0fms", request.method, rule, response.status_code, elapsed_ms)
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start_timer)
    app.after_request(_log_request)
    # Flask calls self.log_exception(exc_info) for every unhandled exception.
    app.log_exception = lambda exc_info: log_exception(app, exc_info)
    for name in (app.logger.name, "flask-limiter"):
        target = logging.getLogger(name)
        if not any(isinstance(f, TypesOnly) for f in target.filters):
            target.addFilter(TypesOnly())
    # flask-limiter writes its client key into every "ratelimit … exceeded" line (INFO); the
    # access log already records each 429 by route pattern.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
