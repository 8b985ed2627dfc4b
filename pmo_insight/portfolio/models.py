"""The portfolio's one table: read-only portfolio links for the PMO head and executives.

Same shape as review links (:mod:`pmo_insight.review.models`): only the SHA-256 of the 256-bit
token is stored, a link expires and can be revoked, and each opening is counted. A portfolio link
belongs to no workshop (it opens all of them, or one department's), so it is an access table: not
in the backup, not in the diff, and writing it raises no workshop's revision.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from pmo_insight.models import SHORT_MAX, Input, utcnow

#: Portfolio links last 14 days unless the facilitator says otherwise, and never more than 90.
DEFAULT_DAYS = 14
MAX_DAYS = 90


class PortfolioLinkCreate(Input):
    label: str = Field(min_length=1, max_length=SHORT_MAX)
    days: int = Field(default=DEFAULT_DAYS, ge=1, le=MAX_DAYS)
    #: Empty: the whole portfolio; otherwise the one department the link shows.
    department: str = Field(default="", max_length=SHORT_MAX)


class PortfolioLink(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    label: str = Field(max_length=SHORT_MAX)
    department: str = Field(default="", max_length=SHORT_MAX)
    token_sha256: str = Field(sa_column=Column(String(64), nullable=False, unique=True, index=True))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: Optional[datetime] = None
    last_opened_at: Optional[datetime] = None
    open_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
