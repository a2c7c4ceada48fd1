"""Requests and consent records from professionals: storing them, status links, withdrawal.

Every write goes through the same rules: references are random and unique, a double submission
creates one record, and a status change is always kept as an event (workflow.change_status).
Transactions follow the rule in services/__init__.py: each public function commits once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit, clock, notify, tokens, workflow
from ..db import get_session
from ..models import ConsentRecord, RequestEvent, SamradRequest, utcnow
from ..vocabulary import SUBMITTER, WITHDRAWABLE_STATUSES, EventKind, Kind, Status
from . import NotFound, expiry

# Readable aloud: no I, O, Q or Z, no 0 or 1. Letters and digits in fixed places (LLDD-LLDD).
REFERENCE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXY"
REFERENCE_DIGITS = "23456789"
REQUEST_PREFIX, CONSENT_PREFIX = "F", "S"


def new_reference(prefix: str) -> str:
    def pick(alphabet: str) -> str:
        return secrets.choice(alphabet)

    letters, digits = REFERENCE_LETTERS, REFERENCE_DIGITS
    first = pick(letters) + pick(letters) + pick(digits) + pick(digits)
    second = pick(letters) + pick(letters) + pick(digits) + pick(digits)
    return f"{prefix}-{first}-{second}"


def normalise_reference(raw: str, prefix: str) -> str | None:
    """`s km47 tr92`, `KM47TR92` or `S-KM47-TR92` → `S-KM47-TR92`; None if it cannot be one."""
    compact = re.sub(r"[\s\-–]", "", raw or "").upper()
    if compact.startswith(prefix) and len(compact) == 9:
        compact = compact[1:]
    if len(compact) != 8:
        return None
    pattern = f"[{REFERENCE_LETTERS}]{{2}}[{REFERENCE_DIGITS}]{{2}}" * 2
    if not re.fullmatch(pattern, compact):
        return None
    return f"{prefix}-{compact[:4]}-{compact[4:]}"


# --- The submission key --------------------------------------------------------------------------
# Each form carries a random key that the server issued, so that sending the same form twice
# stores one record. The key is never stored, only a keyed hash (security review M1, M2).

SUBMISSION_KEY = re.compile(r"[0-9a-f]{32}")


def new_submission_key() -> str:
    return secrets.token_hex(16)


def valid_submission_key(key: object) -> bool:
    """True only for the shape the server issues: 32 lower-case hex characters."""
    return isinstance(key, str) and SUBMISSION_KEY.fullmatch(key) is not None


def submission_key_hash(key: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(secret, b"submission-key:" + key.encode("ascii"), hashlib.sha256).hexdigest()


def _new_identity() -> dict:
    return {"public_id": secrets.token_hex(16), "token_nonce": tokens.new_nonce()}


def _column_values(record, table) -> dict:
    """Every column's value for the INSERT, with the column defaults filled in on the record too,
    so that the stored record is complete in memory (nothing to reload after the insert)."""
    values = {}
    for column in table.columns:
        value = record.__dict__.get(column.key)
        if value is None and column.default is not None:
            default = column.default
            value = default.arg(None) if default.is_callable else default.arg
        if value is None and column.primary_key:
            continue
        if column.key not in record.__dict__:
            setattr(record, column.key, value)
        values[column.key] = value
    return values


def _insert_once(record, model):
    """Insert `record`; if its submission key was already used, return the earlier record.

    One INSERT on a connection of its own, committed at once, rather than the ORM's unit of work
    and the request's session: on the submission path those cost more than the insert itself
    (bench/profile_submit.py). The returned record is complete in memory and not attached to a
    session; the caller's relationships are set by id."""
    engine = current_app.extensions["engine"]
    table = model.__table__
    for _attempt in range(5):
        values = _column_values(record, table)
        try:
            with engine.begin() as connection:
                result = connection.execute(table.insert(), values)
        except IntegrityError:
            existing = get_session().scalar(
                select(model).where(model.submission_key_hash == record.submission_key_hash)
            )
            if existing is not None:
                return existing, False
            # A reference collision (one in a billion): draw a new one and try again.
            record.reference = new_reference(record.reference[0])
            continue
        record.id = result.inserted_primary_key[0]
        return record, True
    raise RuntimeError("could not store the record")


def submit_request(data: dict, consent_reference: str | None) -> tuple[SamradRequest, bool]:
    """Store a checked request (with the consent it rests on, if any) and tell the coordinator
    by e-mail; (request, True) if new. A resubmission of the same form returns the earlier
    request and False, and sends nothing."""
    consent = find_consent_by_reference(consent_reference) if consent_reference else None
    record, is_new = create_request(data, consent)
    if is_new:
        notify.notify_new_request(record)
    return record, is_new


def _keyed(data: dict) -> dict:
    """The record's values with the submission key replaced by its keyed hash."""
    values = dict(data)
    values["submission_key_hash"] = submission_key_hash(values.pop("submission_key"))
    return values


def create_request(data: dict, consent: ConsentRecord | None) -> tuple[SamradRequest, bool]:
    """Store a request; (request, True) if new, (the earlier request, False) on a resubmission."""
    request = SamradRequest(
        **_new_identity(),
        reference=new_reference(REQUEST_PREFIX),
        consent_id=consent.id if consent is not None else None,
        is_acute=data["kind"] == Kind.ACUTE,
        status=Status.NEW,
        **_keyed(data),
    )
    if not request.is_acute:
        request.acute_reason = None
    return _insert_once(request, SamradRequest)


def create_consent(data: dict) -> tuple[ConsentRecord, bool]:
    consent = ConsentRecord(
        **_new_identity(), reference=new_reference(CONSENT_PREFIX), **_keyed(data)
    )
    return _insert_once(consent, ConsentRecord)


def find_request(reference: str) -> SamradRequest:
    """The request with this reference (written in any of the accepted ways)."""
    normalised = normalise_reference(reference, REQUEST_PREFIX)
    found = normalised and get_session().scalar(
        select(SamradRequest).where(SamradRequest.reference == normalised)
    )
    if not found:
        raise NotFound(reference)
    return found


def find_by_public_id(model, public_id: str):
    return get_session().scalar(select(model).where(model.public_id == public_id))


def find_consent_by_reference(raw_reference: str) -> ConsentRecord | None:
    reference = normalise_reference(raw_reference, CONSENT_PREFIX)
    if reference is None:
        return None
    return get_session().scalar(select(ConsentRecord).where(ConsentRecord.reference == reference))


# One answer for every consent that cannot be used (security review L5): whoever has seen a
# reference must not learn from the form whether it exists, whether it was withdrawn, when it
# ends or which parties it covers. The professional who registered it has all that on the
# receipt; the coordinator sees the reasons on the request page.
CONSENT_REFUSED = (
    "Samtycket kan inte användas för den här förfrågan. Kontrollera referensen på bekräftelsen "
    "från när samtycket registrerades, att samtycket gäller i dag och att det omfattar alla "
    "parter du har valt. Registrera annars ett nytt samtycke, eller dra ärendet avidentifierat."
)


@dataclass
class ConsentCheck:
    consent: ConsentRecord | None
    problem: str | None  # CONSENT_REFUSED, or None when the consent can be used


def consent_covers(consent: ConsentRecord | None, parties: list[str], today: date) -> bool:
    """Does the consent exist, hold today, and cover every party the submitter asks for?

    The home municipality is not added: the coordinator decides who takes part (avsnitt 12), the
    social services responsible in the case take part only where there is one (avsnitt 10.3), and
    in an acute case another municipality may be responsible (SoL 29 kap.). Whoever the
    coordinator invites beyond the consent gets a warning on the coordinator's side.
    """
    if consent is None or consent.purged_at is not None or not consent.is_valid_on(today):
        return False
    return all(party in consent.parties for party in parties)


def check_consent_covers(raw_reference: str, parties: list[str], today: date) -> ConsentCheck:
    consent = find_consent_by_reference(raw_reference)
    if consent_covers(consent, parties, today):
        return ConsentCheck(consent, None)
    return ConsentCheck(None, CONSENT_REFUSED)


def status_token(record) -> str:
    purpose = "request" if isinstance(record, SamradRequest) else "consent"
    return tokens.make_token(purpose, record.public_id, record.token_nonce)


def link_lives_until(record) -> datetime | None:
    """A consent record's link works at least until the end of the consent's last day, so that a
    withdrawal can always be registered; a request's link has only the ordinary lifetime."""
    if isinstance(record, ConsentRecord):
        return datetime.combine(record.valid_until + timedelta(days=1), time(), clock.STOCKHOLM)
    return None


def status_url(record) -> str:
    """The status link on the configured public address (for e-mail; never the Host header)."""
    base = current_app.config["BASE_URL"].rstrip("/")
    path = "status" if isinstance(record, SamradRequest) else "samtycke/status"
    return f"{base}/formular/{path}/{status_token(record)}"


def open_by_token(model, token: str):
    """(record, None) for a genuine current token, else (None, TokenProblem). A revoked link
    and a link to a record that never existed give the same answer."""
    purpose = "request" if model is SamradRequest else "consent"
    public_id = tokens.peek_public_id(token)
    record = find_by_public_id(model, public_id) if public_id else None
    if record is None:
        return None, tokens.TokenProblem.INVALID
    result = tokens.verify(purpose, token, record.token_nonce, link_lives_until(record))
    if result is tokens.TokenProblem.INVALID and expiry.is_expired_nonce(record.token_nonce):
        result = tokens.TokenProblem.EXPIRED  # ended for good by the expiry job (expiry.py)
    if isinstance(result, tokens.TokenProblem):
        return None, result
    if record.purged_at is not None:
        return None, tokens.TokenProblem.GONE
    return record, None


def rotate_link(record) -> None:
    """Revoke every status link of the record (the caller commits); a new link can be made."""
    record.token_nonce = tokens.new_nonce()
    record.link_issued_at = clock.now()


def end_own_link(record) -> None:
    """The submitter ends the status link they hold (M6): it then answers like an unknown one."""
    rotate_link(record)
    audit.record(
        audit.AuditType.LINK_REVOKED,
        actor=SUBMITTER,
        object_type=object_type(record),
        object_ref=record.reference,
        detail="av inlämnaren",
    )
    get_session().commit()


def object_type(record) -> audit.AuditObject:
    if isinstance(record, SamradRequest):
        return audit.AuditObject.REQUEST
    return audit.AuditObject.CONSENT


def withdraw_request(request: SamradRequest) -> bool:
    """The submitter withdraws a request; False if it is already past withdrawing."""
    if request.status not in WITHDRAWABLE_STATUSES:
        return False
    workflow.change_status(request, Status.WITHDRAWN, actor=SUBMITTER)
    get_session().commit()
    return True


def withdraw_consent(consent: ConsentRecord) -> bool:
    if consent.withdrawn_at is not None:
        return False
    consent.withdrawn_at = utcnow()
    get_session().commit()
    return True


def messages_for_submitter(request: SamradRequest) -> list[RequestEvent]:
    """The coordinator's messages and the submitter's own replies, oldest first."""
    return [e for e in request.events if e.kind in (EventKind.MESSAGE, EventKind.REPLY)]


def answer_komplettering(request: SamradRequest, text: str) -> bool:
    """The submitter answers a request for more information: the (guarded) answer is kept,
    encrypted, the request goes back to "under bedömning" and the coordinator gets a notice
    without the text. False if the request no longer waits for an answer."""
    if request.status != Status.NEEDS_INFO:
        return False
    get_session().add(
        RequestEvent(request=request, kind=EventKind.REPLY, actor=SUBMITTER, text=text)
    )
    workflow.change_status(request, Status.ASSESSING, actor=SUBMITTER)
    get_session().commit()
    notify.notify_reply(request)
    return True
