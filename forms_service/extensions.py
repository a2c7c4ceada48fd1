"""Flask extensions shared by the blueprints: CSRF protection and the rate limiter."""

from flask import current_app
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect

from .security import client_key

csrf = CSRFProtect()
limiter = Limiter(key_func=client_key)


def configured_limit(setting: str):
    """A rate limit read from the configuration when the request is made (tests change it)."""
    return lambda: current_app.config[setting]
