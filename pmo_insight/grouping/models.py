"""Tables of note groups: a titled group of one empathy map's notes in one quadrant, and its members.

A note belongs to at most one group (a unique member row per note). Every change of a group's
membership raises the group's ``version``, so two facilitators moving the same note at once are
told, not silently overwritten. Same style as :mod:`pmo_insight.models`: the ``*Create`` schemas
carry the input rules every door applies (form, CLI, restore).
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from pmo_insight.models import NAME_MAX, EnumText, Input, Quadrant, Tracked, Uid, _fk


class NoteGroupBase(SQLModel):
    title: str = Field(min_length=1, max_length=NAME_MAX)
    quadrant: Quadrant = Field(sa_type=EnumText(Quadrant, 16))


class NoteGroup(NoteGroupBase, Tracked, Uid, table=True):
    """A named cluster of notes on one board quadrant; its dots are its members' dots."""

    id: Optional[int] = Field(default=None, primary_key=True)
    map_id: int = Field(sa_column=_fk("empathymap.id"))
    position: int = 0


class NoteGroupCreate(NoteGroupBase, Input):
    pass


class NoteGroupRename(Input):
    title: str = Field(min_length=1, max_length=NAME_MAX)


class NoteGroupMember(SQLModel, table=True):
    """One note in one group (a note is in at most one group)."""

    __table_args__ = (UniqueConstraint("note_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    group_id: int = Field(sa_column=_fk("notegroup.id"))
    note_id: int = Field(sa_column=_fk("empathynote.id"))
