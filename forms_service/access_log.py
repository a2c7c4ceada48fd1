"""A request log that cannot leak what it must not hold.

Each line records the route *pattern* (for example `/formular/status/<token>`), never the concrete
path, query string, client address or user agent: status tokens travel in paths, and a log line
must never contain a token or anything typed into a form.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, g, request

logger = logging.getLogger("norrsken.access")


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
