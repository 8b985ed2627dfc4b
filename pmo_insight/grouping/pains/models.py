"""Tables of pain groups: a titled group of one journey's touchpoints, grouped by the pain each names.

A touchpoint belongs to at most one pain group (a unique member row per touchpoint), and only a
touchpoint with a pain can join one. Every change of a group's membership raises the group's
``version``, so two facilitators regrouping the same journey at once are told, not silently
overwritten. The ``*Create`` schemas carry the input rules every door applies (form, CLI, restore).
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from pmo_insight.models import NAME_MAX, Input, Tracked, Uid, _fk


class PainGroupBase(SQLModel):
    title: str = Field(min_length=1, max_length=NAME_MAX)


class PainGroup(PainGroupBase, Tracked, Uid, table=True):
    """A named cluster of one journey's pains; it spans the stages its touchpoints sit in."""

    id: Optional[int] = Field(default=None, primary_key=True)
    journey_id: int = Field(sa_column=_fk("journey.id"))
    position: int = 0


class PainGroupCreate(PainGroupBase, Input):
    pass


class PainGroupRename(Input):
    title: str = Field(min_length=1, max_length=NAME_MAX)


class PainGroupMember(SQLModel, table=True):
    """One touchpoint (its pain) in one group (a touchpoint is in at most one group)."""

    __table_args__ = (UniqueConstraint("touchpoint_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    group_id: int = Field(sa_column=_fk("paingroup.id"))
    touchpoint_id: int = Field(sa_column=_fk("touchpoint.id"))
