"""E-mail to the coordinator: when a new request arrives, and when wrong one-time codes are
entered for an account.

The message says only that a request is waiting: its reference, its kind, whether it is acute,
and a link to the coordinator page. Never case text, never the submitter's details. Off unless
SMTP_HOST and COORDINATOR_EMAIL are set. A failure to send is logged (without content) and never
stops the submission: the request is already safely stored and in the queue.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

from .models import SamradRequest
from .vocabulary import KINDS, label

logger = logging.getLogger(__name__)


def new_request_message(request: SamradRequest) -> EmailMessage:
    config = current_app.config
    acute = request.is_acute
    message = EmailMessage()
    message["Subject"] = f"{'AKUT: ' if acute else ''}Ny förfrågan om samråd {request.reference}"
    message["From"] = config["MAIL_FROM"]
    message["To"] = config["COORDINATOR_EMAIL"]
    link = f"{config['BASE_URL'].rstrip('/')}/samordnare/forfragan/{request.reference}"
    message.set_content(
        "En ny förfrågan om samråd väntar i kön.\n\n"
        f"Referens: {request.reference}\n"
        f"Sorts samråd: {label(KINDS, request.kind)}\n"
        f"Akut: {'ja' if acute else 'nej'}\n\n"
        f"Logga in för att läsa den:\n{link}\n\n"
        "Meddelandet innehåller med avsikt ingen ärendetext.\n"
    )
    return message


def code_failures_message(username: str, failures: int, closed: bool) -> EmailMessage:
    """Wrong one-time codes mean someone knows the account's password (security review L3)."""
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = f"Norrsken: felaktiga engångskoder för kontot {username}"
    message["From"] = config["MAIL_FROM"]
    message["To"] = config["COORDINATOR_EMAIL"]
    ending = (
        "Inloggning med kontot är nu stängd tills systemförvaltaren återställer det "
        f"(flask --app forms_service coordinator reset {username}).\n"
        if closed
        else "Efter fler felaktiga koder stängs inloggningen med kontot tills det återställs.\n"
    )
    message.set_content(
        f"{failures} felaktiga engångskoder har angetts för kontot {username} sedan den senaste "
        "lyckade inloggningen.\n\n"
        "Koden frågas efter först när lösenordet är rätt, så den som försöker känner till "
        "lösenordet. Var det inte du: byt lösenordet så snart du kan logga in, eller be "
        "systemförvaltaren återställa kontot.\n\n" + ending
    )
    return message


def notify_code_failures(username: str, failures: int, closed: bool) -> bool:
    return _send(code_failures_message(username, failures, closed), "code-failure alert")


def notify_new_request(request: SamradRequest) -> bool:
    return _send(new_request_message(request), "new-request notice")


def _send(message: EmailMessage, what: str) -> bool:
    config = current_app.config
    if not config["SMTP_HOST"] or not config["COORDINATOR_EMAIL"]:
        return False
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls()
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        logger.error("Could not send the %s: %s", what, type(exc).__name__)
        return False
    return True
