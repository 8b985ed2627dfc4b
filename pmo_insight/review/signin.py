"""Who counts as the facilitator on a shared server: a passphrase from the environment, kept only as a hash.

- ``PMO_INSIGHT_FACILITATOR_PASSPHRASE_SHA256``: the SHA-256 (hex) of the passphrase — the
  recommended form, the plain passphrase never touches the server;
- ``PMO_INSIGHT_FACILITATOR_PASSPHRASE``: the plain passphrase, hashed once when read and only the
  hash is kept in memory.

With neither set (and no OpenID Connect ``[auth]`` section in the Streamlit secrets), the app runs
as the single-laptop default: a browser session without a review token is the facilitator.
"""

from __future__ import annotations

import hashlib
import hmac
import os

HASH_ENV = "PMO_INSIGHT_FACILITATOR_PASSPHRASE_SHA256"
PLAIN_ENV = "PMO_INSIGHT_FACILITATOR_PASSPHRASE"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def passphrase_hash(environ: dict[str, str] | None = None) -> str | None:
    """The configured passphrase's SHA-256, or None when no passphrase is configured."""
    env = os.environ if environ is None else environ
    hashed = (env.get(HASH_ENV) or "").strip().lower()
    if hashed:
        return hashed
    plain = env.get(PLAIN_ENV) or ""
    return _sha256(plain) if plain else None


def passphrase_matches(attempt: str, expected_hash: str | None) -> bool:
    """Constant-time comparison of the attempt's hash with the configured one."""
    if not expected_hash or not attempt:
        return False
    return hmac.compare_digest(_sha256(attempt), expected_hash)
