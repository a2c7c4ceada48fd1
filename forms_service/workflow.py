"""The status workflow of a request (DESIGN.md, "Flows").

ny → under bedömning → behöver komplettering / planerad (to a meeting) → genomförd → avslutad;
or avböjd with a reason; återkallad comes only from the submitter. A held case can be planned
again for a follow-up samråd. Anything else is refused.
"""

from __future__ import annotations

from .vocabulary import FINISHED_STATUSES

TRANSITIONS: dict[str, frozenset[str]] = {
    "ny": frozenset({"under_bedomning", "avbojd"}),
    "under_bedomning": frozenset({"komplettering", "planerad", "avbojd"}),
    "komplettering": frozenset({"under_bedomning", "planerad", "avbojd"}),
    "planerad": frozenset({"genomford", "under_bedomning", "avbojd"}),
    "genomford": frozenset({"avslutad", "planerad"}),
    "avslutad": frozenset(),
    "avbojd": frozenset(),
    "aterkallad": frozenset(),
}

# "planerad" needs a meeting, so it is reached through planning, not the plain status form.
NEEDS_MEETING = frozenset({"planerad"})


class TransitionRefused(ValueError):
    """The requested change is not allowed from the current status."""


def allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def manual_choices(from_status: str) -> list[str]:
    """The statuses offered in the status form for a request in `from_status`."""
    order = ["under_bedomning", "komplettering", "genomford", "avslutad", "avbojd"]
    return [s for s in order if allowed(from_status, s) and s not in NEEDS_MEETING]


def is_finished(status: str) -> bool:
    return status in FINISHED_STATUSES
