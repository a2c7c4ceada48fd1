"""The tables of the form service.

Privacy rule: nothing here identifies the person a case is about. A request holds categories
(kind, municipality, forms of violence …) and guarded free-text fields; a consent record holds the
scope of the consent and where the signed original is kept, never the person's name or personnummer.
Free text and the professional's contact details are `EncryptedText` (see encryption.py).

Times are stored in UTC and shown in Europe/Stockholm.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from .encryption import EncryptedText


def utcnow() -> datetime:
    return datetime.now(UTC)


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

    submitter_name: Mapped[str | None] = mapped_column(EncryptedText)
    submitter_organisation: Mapped[str] = mapped_column(String(20))
    submitter_organisation_other: Mapped[str | None] = mapped_column(EncryptedText)
    submitter_unit: Mapped[str | None] = mapped_column(EncryptedText)
    submitter_phone: Mapped[str | None] = mapped_column(EncryptedText)
    submitter_email: Mapped[str | None] = mapped_column(EncryptedText)


class ConsentRecord(SubmitterMixin, Base):
    """That a person has consented to samråd, and the scope of that consent (samtycke)."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    token_nonce: Mapped[str] = mapped_column(String(32))
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)

    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    other_parties: Mapped[str | None] = mapped_column(EncryptedText)
    information_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    original_kept_by: Mapped[str] = mapped_column(String(20))
    original_kept_by_other: Mapped[str | None] = mapped_column(EncryptedText)
    original_case_reference: Mapped[str | None] = mapped_column(EncryptedText)
    told_how_samrad_works: Mapped[bool] = mapped_column(default=False)
    told_who_takes_part: Mapped[bool] = mapped_column(default=False)
    told_can_withdraw: Mapped[bool] = mapped_column(default=False)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
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
        Index("ix_samrad_request_queue", "status", "is_acute", "created_at"),
        Index("ix_samrad_request_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    token_nonce: Mapped[str] = mapped_column(String(32))
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)

    municipality: Mapped[str] = mapped_column(String(20), index=True)
    basis: Mapped[str] = mapped_column(String(20))
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent_record.id"))
    kind: Mapped[str] = mapped_column(String(20))
    is_acute: Mapped[bool] = mapped_column(default=False)
    acute_reason: Mapped[str | None] = mapped_column(EncryptedText)
    purposes: Mapped[list[str]] = mapped_column(JSON, default=list)
    violence_forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    contexts: Mapped[list[str]] = mapped_column(JSON, default=list)
    children: Mapped[str] = mapped_column(String(10))
    police_report: Mapped[str] = mapped_column(String(10))
    risk_assessment: Mapped[str] = mapped_column(String(10))
    risk_method: Mapped[str | None] = mapped_column(String(20))
    case_description: Mapped[str | None] = mapped_column(EncryptedText)
    question: Mapped[str | None] = mapped_column(EncryptedText)
    parties_requested: Mapped[list[str]] = mapped_column(JSON, default=list)
    other_actors: Mapped[str | None] = mapped_column(EncryptedText)
    participation: Mapped[str] = mapped_column(String(20))
    declaration_version: Mapped[str] = mapped_column(String(20))
    warnings_confirmed: Mapped[int] = mapped_column(default=0)

    status: Mapped[str] = mapped_column(String(20), default="ny")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    consent: Mapped[ConsentRecord | None] = relationship(back_populates="requests")
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", order_by="RequestEvent.created_at"
    )


class RequestEvent(Base):
    """One change in a request's life: a status change, a message to the submitter or a note."""

    __tablename__ = "request_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("samrad_request.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "status", "message" or "note"
    actor: Mapped[str] = mapped_column(String(40))  # "inlamnare" or a coordinator's account name
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[SamradRequest] = relationship(back_populates="events")
