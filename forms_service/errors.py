"""Swedish error pages. No error ever shows a stack trace or echoes what was sent."""

from __future__ import annotations

from flask import Flask, Response, render_template
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES: dict[int, tuple[str, str]] = {
    400: (
        "Begäran kunde inte behandlas",
        "Något i det som skickades var felaktigt. Gå tillbaka och försök igen.",
    ),
    403: ("Du har inte behörighet", "Du har inte behörighet att se den här sidan."),
    404: (
        "Sidan finns inte",
        "Sidan du försökte nå finns inte, eller så har adressen ändrats.",
    ),
    405: (
        "Det går inte att göra så här",
        "Sidan tar inte emot den sortens begäran. Gå tillbaka och använd formulärets knappar.",
    ),
    413: (
        "Det du skickade var för stort",
        "Formuläret innehöll mer text än tjänsten tar emot. Korta texten och försök igen.",
    ),
    429: (
        "För många försök",
        "Du har gjort för många försök på kort tid. Vänta en stund och försök sedan igen.",
    ),
    500: (
        "Något gick fel hos oss",
        "Ett tekniskt fel uppstod. Inget av det du skickade har sparats. Försök igen om en stund.",
    ),
}

CSRF_MESSAGE = (
    "Formuläret har varit öppet för länge eller skickades från fel ställe",
    "Av säkerhetsskäl godtogs det inte. Gå tillbaka, ladda om sidan och skicka igen.",
)


def render_error(
    code: int, title: str | None = None, message: str | None = None, contact: bool = False
):
    """The Swedish error page; `contact` adds the way to reach the coordinator."""
    default_title, default_message = MESSAGES.get(code, MESSAGES[500])
    if request_ctx and request_ctx.url_adapter is None:
        # A Host header Werkzeug cannot route (such as "."): no link on the page can be built,
        # so the answer is the same message as plain text rather than a 500.
        text = f"{title or default_title}\n\n{message or default_message}\n"
        return Response(text, status=code, mimetype="text/plain")
    return (
        render_template(
            "error.html",
            code=code,
            title=title or default_title,
            message=message or default_message,
            contact=contact,
        ),
        code,
    )


def _handle_http_error(error: HTTPException):
    return render_error(error.code or 500)


def _handle_csrf_error(_error: CSRFError):
    return render_error(400, *CSRF_MESSAGE)


def _handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return _handle_http_error(error)
    # Logged without request data: the exception type and traceback only, no form content.
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _handle_csrf_error)
    app.register_error_handler(HTTPException, _handle_http_error)
    app.register_error_handler(InternalServerError, _handle_unexpected)
