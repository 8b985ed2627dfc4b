"""Join codes and participant tokens: random, unambiguous to read aloud, only hashes stored."""

from __future__ import annotations

import hashlib
import secrets

from pmo_insight.live.models import CODE_LENGTH

#: Upper-case letters and digits without the look-alikes 0/O and 1/I/L.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str | None) -> str:
    """What someone typed or a link carried, as a code: trimmed, upper-case (never raises)."""
    return (text or "").strip().upper()[: CODE_LENGTH * 2]


def looks_like_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(c in ALPHABET for c in code)


def new_token() -> str:
    """A participant's secret: 128 random bits, safe in a URL."""
    return secrets.token_urlsafe(16)


def hash_token(token: str | None) -> str:
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def join_path(code: str) -> str:
    """The join link's path and query for a code (the QR code, the panel and ``live start`` print it)."""
    return f"/?join={code}"
