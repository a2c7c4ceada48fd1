"""Flask extensions shared by the blueprints: CSRF protection and the rate limiter."""

from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect

from .security import client_key

csrf = CSRFProtect()
limiter = Limiter(key_func=client_key)
