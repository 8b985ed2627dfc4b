"""The review layer's tables: share links, comments and decisions, each owned by a workshop.

Same style as :mod:`pmo_insight.models`: ``*Create`` schemas carry the input rules (length
limits, trimming, unknown fields refused) so the reading view, the CLI and restore apply the same
ones; table classes add ids, foreign keys and bookkeeping.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Optional

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from pmo_insight.models import SHORT_MAX, TEXT_MAX, EnumText, Input, Tracked, _fk, utcnow

#: Review links last 14 days unless the facilitator says otherwise, and never more than 90.
DEFAULT_DAYS = 14
MAX_DAYS = 90


class CommentTarget(StrEnum):
    """What a comment is about: the whole workshop or one item of its chain."""

    WORKSHOP = "workshop"
    PERSONA = "persona"
    EMPATHY_NOTE = "empathy_note"
    TOUCHPOINT = "touchpoint"
    CANVAS = "canvas"
    CANVAS_ITEM = "canvas_item"
    KPI = "kpi"


class Verdict(StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"


# --- review links -----------------------------------------------------------------------------


class ReviewLinkCreate(Input):
    label: str = Field(min_length=1, max_length=SHORT_MAX)
    days: int = Field(default=DEFAULT_DAYS, ge=1, le=MAX_DAYS)


class ReviewLink(SQLModel, table=True):
    """A share link: only the SHA-256 of its token is stored, so the database cannot leak a link."""

    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    label: str = Field(max_length=SHORT_MAX)
    #: The name the reviewer chose to sign with; the label until they change it.
    author_name: str = Field(default="", max_length=SHORT_MAX)
    token_sha256: str = Field(sa_column=Column(String(64), nullable=False, unique=True, index=True))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: Optional[datetime] = None
    last_opened_at: Optional[datetime] = None
    open_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class AuthorName(Input):
    author_name: str = Field(min_length=1, max_length=SHORT_MAX)


# --- comments ---------------------------------------------------------------------------------


class CommentCreate(Input):
    """What a reviewer writes: the same text rules as every note of the chain."""

    author: str = Field(min_length=1, max_length=SHORT_MAX)
    text: str = Field(min_length=1, max_length=TEXT_MAX)


class CommentReply(Input):
    reply: str = Field(default="", max_length=TEXT_MAX)


class CommentRecord(CommentCreate):
    """A comment as the backup keeps it: the text, when, and how it was resolved."""

    created_at: datetime
    resolved_at: Optional[datetime] = None
    reply: str = Field(default="", max_length=TEXT_MAX)


class ReviewComment(Tracked, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    link_id: Optional[int] = Field(default=None, sa_column=_fk("reviewlink.id", nullable=True, ondelete="SET NULL"))
    target_type: CommentTarget = Field(sa_type=EnumText(CommentTarget, 32), index=True)
    #: None when the comment is about the workshop as a whole.
    target_id: Optional[int] = Field(default=None, index=True)
    author: str = Field(max_length=SHORT_MAX)
    text: str = Field(max_length=TEXT_MAX)
    resolved_at: Optional[datetime] = None
    reply: str = Field(default="", max_length=TEXT_MAX)


# --- decisions --------------------------------------------------------------------------------


class DecisionCreate(Input):
    verdict: Verdict
    author: str = Field(min_length=1, max_length=SHORT_MAX)
    note: str = Field(default="", max_length=TEXT_MAX)


class DecisionRecord(DecisionCreate):
    """A decision as the backup keeps it: bound to the fingerprint of what was seen."""

    fingerprint: str = Field(min_length=64, max_length=64, regex=r"^[0-9a-f]{64}$")
    decided_at: datetime


class ReviewDecision(SQLModel, table=True):
    """A reviewer's approve / request-changes on one canvas, bound to what they saw."""

    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    canvas_id: int = Field(sa_column=_fk("valuecanvas.id"))
    link_id: Optional[int] = Field(default=None, sa_column=_fk("reviewlink.id", nullable=True, ondelete="SET NULL"))
    verdict: Verdict = Field(sa_type=EnumText(Verdict, 32))
    author: str = Field(max_length=SHORT_MAX)
    note: str = Field(default="", max_length=TEXT_MAX)
    fingerprint: str = Field(sa_column=Column(String(64), nullable=False))
    decided_at: datetime = Field(default_factory=utcnow)


__all__ = [
    "DEFAULT_DAYS",
    "MAX_DAYS",
    "AuthorName",
    "CommentCreate",
    "CommentRecord",
    "CommentReply",
    "CommentTarget",
    "DecisionCreate",
    "DecisionRecord",
    "ReviewComment",
    "ReviewDecision",
    "ReviewLink",
    "ReviewLinkCreate",
    "Verdict",
]
