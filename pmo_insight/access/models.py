"""Tables of the front door: the facilitator link's key (its hash only) and the sign-in throttle.

- :class:`FacilitatorKey`: one row at most, the SHA-256 of the key the facilitator link carries.
  Rotating replaces the hash, so every session that claimed the old key loses its rights at its
  next run (each run compares the session's marker with this hash).
- :class:`SignInFailure`: one row per wrong passphrase or facilitator key, per subject (a browser
  session, a client address), kept for a day.
- :class:`SignInLock`: one row per refusal period a subject earned; only ever inserted, so server
  processes sharing the database never race on an update, and the number of recent rows is what
  makes the next delay longer.

Subjects are stored as SHA-256 digests: the table tells which attempts belong together, not from
which address they came.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from pmo_insight.models import utcnow

#: The one row of :class:`FacilitatorKey`.
KEY_ROW_ID = 1


class FacilitatorKey(SQLModel, table=True):
    __tablename__ = "facilitatorkey"

    id: Optional[int] = Field(default=None, primary_key=True)
    key_sha256: str = Field(sa_column=Column(String(64), nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class SignInFailure(SQLModel, table=True):
    __tablename__ = "signinfailure"

    id: Optional[int] = Field(default=None, primary_key=True)
    subject: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    at: datetime = Field(default_factory=utcnow, index=True)


class SignInLock(SQLModel, table=True):
    __tablename__ = "signinlock"

    id: Optional[int] = Field(default=None, primary_key=True)
    subject: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    at: datetime = Field(default_factory=utcnow)
    until: datetime
