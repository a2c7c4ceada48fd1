"""E-mail: notices to the coordinator (a new request, a submitter's answer, wrong one-time codes
for an account), and a new status link to a submitter.

To the coordinator (off unless SMTP_HOST and COORDINATOR_EMAIL are set): a new request is
waiting, or a submitter has answered a komplettering. The notice gives the reference, the kind,
whether it is acute, and a link to the coordinator page; never case text, never the submitter's
details. A failure to send is logged (without content) and never stops the submission: the
request is already safely stored and in the queue.

To a submitter (off unless SMTP_HOST is set): a new status link, sent by the coordinator to the
work e-mail address stored with the request or consent record, with nothing but the reference
and the link.
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


def reply_message(request: SamradRequest) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = f"Komplettering inkommen för förfrågan {request.reference}"
    message["From"] = config["MAIL_FROM"]
    message["To"] = config["COORDINATOR_EMAIL"]
    link = f"{config['BASE_URL'].rstrip('/')}/samordnare/forfragan/{request.reference}"
    message.set_content(
        "Inlämnaren har svarat på din begäran om komplettering. Förfrågan är åter under "
        f"bedömning.\n\nReferens: {request.reference}\n\nLogga in för att läsa svaret:\n"
        f"{link}\n\nMeddelandet innehåller med avsikt ingen ärendetext.\n"
    )
    return message


def status_link_message(reference: str, to: str, url: str, what: str) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = f"Ny statuslänk för {what} {reference}"
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message.set_content(
        f"Samordnaren i Operation Norrsken har skickat en ny statuslänk för {what} "
        f"{reference}. Tidigare länkar fungerar inte längre.\n\n{url}\n\n"
        "Den som har länken kan se statusen, så dela den inte och skriv den inte i personens "
        "journal. Har du inte bett om en ny länk kan du kontakta samordnaren.\n"
    )
    return message


def mail_enabled() -> bool:
    return bool(current_app.config["SMTP_HOST"])


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
    if not current_app.config["COORDINATOR_EMAIL"]:
        return False
    return send(code_failures_message(username, failures, closed), "code-failure alert")


def notify_new_request(request: SamradRequest) -> bool:
    if not current_app.config["COORDINATOR_EMAIL"]:
        return False
    return send(new_request_message(request), "new-request notice")


def notify_reply(request: SamradRequest) -> bool:
    if not current_app.config["COORDINATOR_EMAIL"]:
        return False
    return send(reply_message(request), "reply notice")


def send(message: EmailMessage, what: str = "e-mail") -> bool:
    """Send one message; False (logged without content) when mail is off or sending failed."""
    config = current_app.config
    if not config["SMTP_HOST"]:
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
