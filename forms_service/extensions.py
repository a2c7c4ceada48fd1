"""Flask extensions shared by the blueprints: CSRF protection and the rate limiter."""

import logging

from flask import current_app
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect
from limits import parse_many

from .security import client_key

csrf = CSRFProtect()
limiter = Limiter(key_func=client_key)
logger = logging.getLogger(__name__)


def configured_limit(setting: str):
    """A rate limit read from the configuration when the request is made (tests change it)."""
    return lambda: current_app.config[setting]


def spend(setting: str, scope: str) -> bool:
    """Count one use of a per-client limit that a view checks itself, for a step inside a
    request (a view can then answer at the field and keep what was typed, instead of a 429
    page). False when the limit is used up. If the limiter's storage fails, the step is
    allowed, as the limiter itself does (RATELIMIT_SWALLOW_ERRORS)."""
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    try:
        return all(
            limiter.limiter.hit(item, prefix, scope, client_key())
            for item in parse_many(current_app.config[setting])
        )
    except Exception as exc:
        logger.warning("Rate limit storage failed (%s); %s allowed", type(exc).__name__, scope)
        return True
