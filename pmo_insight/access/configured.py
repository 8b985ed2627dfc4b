"""Is facilitator sign-in configured? ``python -m pmo_insight.access.configured`` answers by its exit code.

A shared server (several processes behind a proxy, ``deploy/``) must not run on the single-laptop
default: behind a proxy no request is the server's own browser, and the proxy must not become a
way in. So ``deploy/start-servers.sh`` asks this first and refuses to start without a passphrase
(``PMO_INSIGHT_FACILITATOR_PASSPHRASE_SHA256`` or ``PMO_INSIGHT_FACILITATOR_PASSPHRASE``) or an
OpenID Connect ``[auth]`` section in the Streamlit secrets.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from pmo_insight.review.signin import HASH_ENV, PLAIN_ENV, passphrase_hash


def secrets_have_auth(files: list[str] | None = None) -> bool:
    if files is None:
        from streamlit import config

        files = list(config.get_option("secrets.files") or [])
    for name in files:
        path = Path(name).expanduser()
        try:
            if path.is_file() and "auth" in tomllib.loads(path.read_text(encoding="utf-8")):
                return True
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return False


def sign_in_configured() -> bool:
    return passphrase_hash() is not None or secrets_have_auth()


def main() -> int:
    if sign_in_configured():
        return 0
    print(
        "refusing to start: a shared server needs facilitator sign-in, and none is configured.\n"
        "Behind a proxy no browser is this machine's own, so without sign-in nobody could run a workshop,\n"
        "and an open server would let anyone who reaches it read and change every workshop.\n"
        f"Set {HASH_ENV} to the SHA-256 of a passphrase (printf %s 'the passphrase' | sha256sum),\n"
        f"or {PLAIN_ENV}, or add an OpenID Connect [auth] section to .streamlit/secrets.toml.",
        file=sys.stderr,
    )
    return 3


if __name__ == "__main__":
    sys.exit(main())
