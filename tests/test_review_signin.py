"""Facilitator sign-in configuration: only a hash is kept, and comparison needs the right passphrase."""

from __future__ import annotations

import hashlib

from pmo_insight.review.signin import HASH_ENV, PLAIN_ENV, passphrase_hash, passphrase_matches


def test_nothing_configured_means_no_sign_in():
    assert passphrase_hash({}) is None
    assert not passphrase_matches("anything", None)


def test_a_configured_hash_accepts_only_its_passphrase():
    expected = hashlib.sha256("春天 spring".encode()).hexdigest()
    configured = passphrase_hash({HASH_ENV: expected.upper() + "\n"})

    assert configured == expected
    assert passphrase_matches("春天 spring", configured)
    assert not passphrase_matches("春天 spring ", configured) and not passphrase_matches("", configured)


def test_a_plain_passphrase_is_hashed_when_read():
    configured = passphrase_hash({PLAIN_ENV: "open sesame"})

    assert configured == hashlib.sha256(b"open sesame").hexdigest() and "sesame" not in configured
    assert passphrase_matches("open sesame", configured)
