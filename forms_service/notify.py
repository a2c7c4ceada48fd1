"""E-mail to the coordinator when a new request arrives.

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


def notify_new_request(request: SamradRequest) -> bool:
    config = current_app.config
    if not config["SMTP_HOST"] or not config["COORDINATOR_EMAIL"]:
        return False
    message = new_request_message(request)
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls()
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        logger.error("Could not send the new-request notice: %s", type(exc).__name__)
        return False
    return True
