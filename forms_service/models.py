"""The tables of the form service.

Privacy rule: nothing here identifies the person a case is about. A request holds categories
(kind, municipality, forms of violence …) and guarded free-text fields; a consent record holds the
scope of the consent and where the signed original is kept, never the person's name or personnummer.
Free text and the professional's contact details are `EncryptedText` (see encryption.py), and
each such column says what retention does with it: `info=PURGE` (gallring empties it when its
record's period is over; services/retention.py reads this flag) or `info=keep("why")`. A test
checks that no encrypted column lacks one or the other.

Times are stored in UTC and shown in Europe/Stockholm.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from . import clock
from .encryption import EncryptedText
from .vocabulary import Status

# Column info for encrypted text: emptied by retention, or kept with the reason why.
PURGE = {"purge": True}


def keep(reason: str) -> dict:
    return {"keep": reason}


def utcnow() -> datetime:
    return clock.now()


class UTCDateTime(TypeDecorator):
    """A timestamp that is always timezone-aware UTC in Python, whatever the database keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class SubmitterMixin:
    """The professional's own work contact details: allowed, kept apart from case text."""

    submitter_name: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    submitter_organisation: Mapped[str] = mapped_column(String(20))
    submitter_organisation_other: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    submitter_unit: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    submitter_phone: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    submitter_email: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)


class ConsentRecord(SubmitterMixin, Base):
    """That a person has consented to samråd, and the scope of that consent (samtycke)."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    token_nonce: Mapped[str] = mapped_column(String(32))
    # A keyed hash of the form's random submission key (never the key itself); purged with the
    # record. It only makes a double submission store one record (security review M1, M2).
    submission_key_hash: Mapped[str | None] = mapped_column(String(64), unique=True, info=PURGE)

    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    other_parties: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    information_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    original_kept_by: Mapped[str] = mapped_column(String(20))
    original_kept_by_other: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    original_case_reference: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    told_how_samrad_works: Mapped[bool] = mapped_column(default=False)
    told_who_takes_part: Mapped[bool] = mapped_column(default=False)
    told_can_withdraw: Mapped[bool] = mapped_column(default=False)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the current status link was issued (None: with the record); links issued before a
    # new one are revoked by its new token_nonce.
    link_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requests: Mapped[list[SamradRequest]] = relationship(back_populates="consent")

    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_expired(self, today: date) -> bool:
        return today > self.valid_until

    def is_valid_on(self, today: date) -> bool:
        return not self.is_withdrawn() and self.valid_from <= today <= self.valid_until


class SamradRequest(SubmitterMixin, Base):
    """A de-identified request for samråd (förfrågan om samråd)."""

    __tablename__ = "samrad_request"
    __table_args__ = (
        # The default queue view (open statuses) and the per-status counts use this one …
        Index("ix_samrad_request_queue", "status", "is_acute", "created_at"),
        # … and the queue's keyset pages walk this one (services/queue.py).
        Index("ix_samrad_request_queue_order", "is_acute", "created_at", "id"),
        Index("ix_samrad_request_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    token_nonce: Mapped[str] = mapped_column(String(32))
    # A keyed hash of the form's random submission key (never the key itself); purged with the
    # record. It only makes a double submission store one record (security review M1, M2).
    submission_key_hash: Mapped[str | None] = mapped_column(String(64), unique=True, info=PURGE)

    municipality: Mapped[str] = mapped_column(String(20), index=True)
    basis: Mapped[str] = mapped_column(String(20))
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent_record.id"))
    kind: Mapped[str] = mapped_column(String(20))
    is_acute: Mapped[bool] = mapped_column(default=False)
    acute_reason: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    purposes: Mapped[list[str]] = mapped_column(JSON, default=list)
    violence_forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    contexts: Mapped[list[str]] = mapped_column(JSON, default=list)
    children: Mapped[str] = mapped_column(String(10))
    police_report: Mapped[str] = mapped_column(String(10))
    risk_assessment: Mapped[str] = mapped_column(String(10))
    risk_method: Mapped[str | None] = mapped_column(String(20))
    case_description: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    question: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    parties_requested: Mapped[list[str]] = mapped_column(JSON, default=list)
    other_actors: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    participation: Mapped[str] = mapped_column(String(20))
    declaration_version: Mapped[str] = mapped_column(String(20))
    warnings_confirmed: Mapped[int] = mapped_column(default=0)
    # Which de-identification warnings the submitter confirmed, as shown to them (case text).
    confirmed_warnings: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    decline_reason: Mapped[str | None] = mapped_column(String(30))

    status: Mapped[str] = mapped_column(String(20), default=Status.NEW)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    link_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    consent: Mapped[ConsentRecord | None] = relationship(back_populates="requests")
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", order_by="RequestEvent.created_at"
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="request", order_by="AgendaItem.id"
    )

    @property
    def meeting(self) -> Meeting | None:
        """The meeting the request is currently planned into, if any."""
        planned = [item for item in self.agenda_items if item.meeting.held_at is None]
        return planned[-1].meeting if planned else None


class RequestEvent(Base):
    """One change in a request's life: a status change, a message to the submitter or a note."""

    __tablename__ = "request_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("samrad_request.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # an EventKind (reply: from the submitter)
    actor: Mapped[str] = mapped_column(String(40))  # vocabulary.SUBMITTER or a coordinator's name
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[SamradRequest] = relationship(back_populates="events")


class Meeting(Base):
    """A samråd: the weekly one at the fixed time, or an acute one (agreement, avsnitt 12)."""

    __tablename__ = "meeting"
    __table_args__ = (
        # One weekly samråd per start time, however many workers or timers create them at once.
        # Acute meetings may share a minute with the weekly one (or with each other).
        Index(
            "uq_meeting_weekly_starts_at",
            "starts_at",
            unique=True,
            sqlite_where=text("NOT is_acute"),
            postgresql_where=text("NOT is_acute"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Typed by the coordinator for an acute samråd and shown to the submitter: guarded, encrypted
    # and purged like meeting notes (security review M3).
    place: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    remote_options: Mapped[str] = mapped_column(String(120), default="telefon och video")
    is_acute: Mapped[bool] = mapped_column(default=False)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str | None] = mapped_column(EncryptedText, info=PURGE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )

    @property
    def shown_place(self) -> str:
        return self.place or "Plats gallrad"


class AgendaItem(Base):
    """One case on a meeting's agenda, with its time slot and the parties invited for it."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("samrad_request.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    slot_minutes: Mapped[int] = mapped_column(default=20)
    invited_parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_follow_up: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    request: Mapped[SamradRequest] = relationship(back_populates="agenda_items")


class Coordinator(Base):
    """A coordinator's account. Created from the command line; there is no public sign-up."""

    __tablename__ = "coordinator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(
        EncryptedText, info=keep("an account's login secret, not case data; reset removes it")
    )
    last_totp_step: Mapped[int] = mapped_column(default=0)
    enrolment_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolment_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Wrong one-time codes since the last completed login; at LOGIN_CODE_FAILURE_CAP the code step
    # closes until the account is reset (security review L3). There is no other lock (M7).
    code_failures: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_enrolled(self) -> bool:
        return self.password_hash is not None and self.totp_secret is not None


class CoordinatorSession(Base):
    """A logged-in session, kept on the server so that logout and a password change end it."""

    __tablename__ = "coordinator_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("coordinator.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    coordinator: Mapped[Coordinator] = relationship()


class SavedForm(Base):
    """What a coordinator had typed when the session ran out, kept until they log in again.

    Only saved for a session that ended by idle timeout (so it belongs to a known coordinator),
    encrypted like all case text, and restored only to that coordinator on the same page.
    """

    __tablename__ = "saved_form"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("coordinator.id"), index=True)
    path: Mapped[str] = mapped_column(String(300))
    data: Mapped[str | None] = mapped_column(
        EncryptedText, info=keep("the whole row is deleted after 12 hours (services/unsent.py)")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginThrottle(Base):
    """Failed login steps per (username, client) and per username, keyed by HMACs of what was
    typed: the basis of the backoff in login_throttle.py (security review M7)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class PendingLogin(Base):
    """A login whose password step passed and whose code step has not yet: on the server, so
    that a completed login or a password change ends it (security review L2). The cookie holds
    only a random token; its hash is stored."""

    __tablename__ = "pending_login"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("coordinator.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    coordinator: Mapped[Coordinator] = relationship()


class AuditEvent(Base):
    """Who did what, when, to which object. Never case text, passwords, codes or tokens."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event_type: Mapped[str] = mapped_column(String(30), index=True)
    actor: Mapped[str | None] = mapped_column(String(40))
    object_type: Mapped[str | None] = mapped_column(String(20))
    object_ref: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(String(80))


class Maintenance(Base):
    """When scheduled work (the retention purge) last ran, shared by every worker process."""

    __tablename__ = "maintenance"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AnnualCommentary(Base):
    """The coordinator's commentary for one year's annual report (guarded text)."""

    __tablename__ = "annual_commentary"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str | None] = mapped_column(
        EncryptedText, info=keep("the annual report's commentary on a year, about no case")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
