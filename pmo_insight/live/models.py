"""Tables of a live session: the session itself, who joined it, and each one's dot votes.

A session runs on one board (an empathy map's notes, or a journey's touchpoints) and is found by
its join code. A participant is known by a random token carried in their link; only its SHA-256
is stored. A dot vote is one row per participant and item holding how many dots they put there.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from pmo_insight.models import SHORT_MAX, EnumText, Input, RefKind, _fk, utcnow

BUDGET_MIN, BUDGET_MAX, BUDGET_DEFAULT = 1, 10, 5
#: At most this many of one participant's dots on one item.
PER_ITEM_MAX = 3
TIMER_MIN, TIMER_MAX = 1, 30
CODE_LENGTH = 6


class BoardKind(StrEnum):
    EMPATHY = "empathy"
    JOURNEY = "journey"


class LiveSession(SQLModel, table=True):
    """One note-and-vote round; ``stopped_at`` set means its code no longer lets anyone in."""

    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    board_kind: BoardKind = Field(sa_type=EnumText(BoardKind, 16))
    board_id: int
    code: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    notes_open: bool = True
    votes_open: bool = True
    revealed: bool = False
    budget: int = Field(default=BUDGET_DEFAULT, ge=BUDGET_MIN, le=BUDGET_MAX)
    anonymous: bool = False
    timer_deadline: Optional[datetime] = None
    keep_notes_open: bool = False
    started_at: datetime = Field(default_factory=utcnow)
    stopped_at: Optional[datetime] = None


class LiveParticipantBase(SQLModel):
    name: str = Field(min_length=1, max_length=SHORT_MAX)
    department: str = Field(default="", max_length=SHORT_MAX)


class LiveParticipant(LiveParticipantBase, table=True):
    """Someone who joined a live session from their own device, without an account."""

    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    #: Null for participants restored from a backup (their session is not part of it).
    session_id: Optional[int] = Field(
        default=None, sa_column=Column(Integer, ForeignKey("livesession.id", ondelete="SET NULL"), index=True)
    )
    token_hash: Optional[str] = Field(default=None, max_length=64, unique=True, index=True)
    joined_at: datetime = Field(default_factory=utcnow)


class LiveParticipantCreate(LiveParticipantBase, Input):
    pass


class DotVoteBase(SQLModel):
    count: int = Field(default=1, ge=1, le=PER_ITEM_MAX)


class DotVote(DotVoteBase, table=True):
    """How many dots one participant put on one item (an empathy note or a touchpoint)."""

    __table_args__ = (UniqueConstraint("participant_id", "target_type", "target_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("liveparticipant.id"))
    target_type: RefKind = Field(sa_type=EnumText(RefKind, 32), index=True)
    target_id: int = Field(index=True)


class DotVoteCreate(DotVoteBase, Input):
    pass
