"""The facilitator link: ``/?facilitator=KEY``, a random key of 256 bits of which only the SHA-256 is stored.

The key lives in the database, so it holds across restarts and across every server process of a
deployment. Since only its hash is kept, the link itself is shown once, when it is made
(``python -m pmo_insight facilitator-link``, ``--rotate``, or the Home screen of the server's own
browser); making a new one replaces the old, and every session that claimed the old one loses
its rights at its next run.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlmodel import Session

from pmo_insight.access.models import KEY_ROW_ID, FacilitatorKey
from pmo_insight.models import utcnow

QUERY_PARAM = "facilitator"
#: ``secrets.token_urlsafe(32)``: 32 random bytes, 256 bits.
KEY_BYTES = 32
#: Compared against when no key exists, so a wrong key costs the same either way.
_NO_KEY = "0" * 64


def key_sha256(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def link_path(key: str) -> str:
    """The path and query a browser opens: ``/?facilitator=KEY``."""
    return f"/?{QUERY_PARAM}={key}"


def current_hash(session: Session) -> str | None:
    """The hash of the key in force, or None before any was made (one primary-key look-up)."""
    row = session.get(FacilitatorKey, KEY_ROW_ID)
    return row.key_sha256 if row else None


def created_at(session: Session) -> datetime | None:
    row = session.get(FacilitatorKey, KEY_ROW_ID)
    return row.created_at if row else None


def rotate_key(session: Session) -> str:
    """Make a new key, replacing the old one; return the plain key (the only time it exists)."""
    key = secrets.token_urlsafe(KEY_BYTES)
    row = session.get(FacilitatorKey, KEY_ROW_ID)
    if row is None:
        row = FacilitatorKey(id=KEY_ROW_ID, key_sha256=key_sha256(key))
    else:
        row.key_sha256, row.created_at = key_sha256(key), utcnow()
    session.add(row)
    session.flush()
    return key


def ensure_key(session: Session) -> str | None:
    """Make a key when there is none and return it; None when one already exists (it cannot be shown again)."""
    if current_hash(session) is not None:
        return None
    return rotate_key(session)


def matching_hash(session: Session, key: str | None) -> str | None:
    """The stored hash when ``key`` is the key in force (constant-time), else None."""
    stored = current_hash(session)
    attempt = key_sha256(key or "")
    if hmac.compare_digest(attempt, stored or _NO_KEY) and stored is not None and key:
        return stored
    return None
