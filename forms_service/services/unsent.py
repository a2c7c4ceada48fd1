"""What a coordinator had typed when the session ran out (issue 13 item 6).

When a form is posted after the idle timeout, the view cannot save it (the coordinator must log
in again), but throwing the text away loses work: meeting notes are typed through a whole
samråd. So the posted fields are kept, encrypted (`SavedForm.data` is EncryptedText), for the
coordinator whose session it was, and shown again on the same page after the next login, for
the coordinator to check and save. Nothing is saved without a session that really existed (no
anonymous writes), passwords and CSRF tokens are never kept, and a coordinator has at most one
saved form, gone at their next save or after SAVED_FORM_HOURS.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from .. import auth, clock
from ..db import get_session
from ..models import SavedForm

SAVED_FORM_HOURS = 12
NEVER_KEPT = ("csrf_token", "password")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def save(session_token: str | None, path: str, fields: dict[str, list[str]]) -> str | None:
    """Keep the posted fields of a timed-out session; returns the token for the cookie, or None
    when there was no real session or nothing worth keeping."""
    ended = auth.find_session(session_token)
    kept = {
        name: values
        for name, values in fields.items()
        if not any(word in name for word in NEVER_KEPT) and any(v.strip() for v in values)
    }
    if ended is None or not kept:
        return None
    session = get_session()
    session.execute(delete(SavedForm).where(SavedForm.coordinator_id == ended.coordinator_id))
    token = secrets.token_urlsafe(24)
    session.add(
        SavedForm(
            token_hash=_digest(token),
            coordinator_id=ended.coordinator_id,
            path=path[:300],
            data=json.dumps(kept, ensure_ascii=False),
        )
    )
    session.commit()
    return token


def restore(token: str | None, coordinator_id: int, path: str) -> dict[str, list[str]] | None:
    """The saved fields if this coordinator saved them for this page, and they are recent."""
    if not token:
        return None
    saved = get_session().scalar(select(SavedForm).where(SavedForm.token_hash == _digest(token)))
    if saved is None or saved.coordinator_id != coordinator_id or saved.path != path:
        return None
    if clock.now() - saved.created_at > timedelta(hours=SAVED_FORM_HOURS):
        return None
    return json.loads(saved.data or "{}")


def forget(coordinator_id: int) -> None:
    """The coordinator saved something again: the kept copy is no longer needed."""
    session = get_session()
    if session.scalar(select(SavedForm.id).where(SavedForm.coordinator_id == coordinator_id)):
        session.execute(delete(SavedForm).where(SavedForm.coordinator_id == coordinator_id))
        session.commit()


def purge(now) -> int:
    """Saved forms older than SAVED_FORM_HOURS (the caller, retention, commits)."""
    cutoff = now - timedelta(hours=SAVED_FORM_HOURS)
    return get_session().execute(delete(SavedForm).where(SavedForm.created_at < cutoff)).rowcount
