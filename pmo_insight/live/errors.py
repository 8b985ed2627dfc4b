"""Why a live-session action was refused, each with a message key in locales/*/live.json."""

from __future__ import annotations

from pmo_insight.errors import DomainError


class CodeInvalid(DomainError):
    key = "live.error.code_invalid"


class SessionStopped(DomainError):
    """The session ended: its code lets nobody in and nothing more is stored."""

    key = "live.error.stopped"


class UnknownParticipant(DomainError):
    key = "live.error.unknown_participant"


class NotesClosed(DomainError):
    key = "live.error.notes_closed"


class VotesClosed(DomainError):
    key = "live.error.votes_closed"


class BudgetSpent(DomainError):
    key = "live.error.budget_spent"


class ItemCapReached(DomainError):
    key = "live.error.item_cap"


class NothingToTakeBack(DomainError):
    key = "live.error.nothing_to_take_back"


class NotOnBoard(DomainError):
    key = "live.error.not_on_board"


class NoBoard(DomainError):
    key = "live.error.no_board"


class VoteNotCounted(DomainError):
    """A vote or take-back lost a race with the same participant's other tab or device (or waited
    too long for the lock): nothing of it was stored, and the participant may simply tap again."""

    key = "live.error.vote_not_counted"
