"""One translation function over English and Simplified Chinese catalogues.

Catalogues are flat JSON files, one per screen or concept, in ``locales/<lang>/`` so a translator
can edit them without Python and each screen owns its file; a test fails when a key is missing
from either language, defined twice, or used in code but defined nowhere.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pmo_insight.errors import DomainError, ValidationFailed

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
LOCALES = Path(__file__).resolve().parent / "locales"


def catalogue_files(lang: str) -> list[Path]:
    return sorted((LOCALES / lang).glob("*.json"))


@cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalogue_files(lang):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message for ``key`` in ``lang``; an unknown key shows itself rather than crash a screen."""
    text = catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**params) if params else text


def language_from_locale(locale: str | None) -> str:
    """The browser's locale (e.g. ``zh-CN``, ``en-GB``) mapped to a supported language."""
    if locale and locale.lower().replace("_", "-").split("-")[0] == "zh":
        return "zh"
    return DEFAULT_LANGUAGE


def error_message(error: DomainError, lang: str) -> str:
    """A domain error as one sentence for the user; validation lists each offending field."""
    if isinstance(error, ValidationFailed):
        lines = [
            t("error.field", lang, field=t(f"field.{p.field}", lang), problem=t(p.key, lang, **p.params))
            for p in error.problems
        ]
        return t(error.key, lang, count=len(lines)) + " " + " ".join(lines)
    params = dict(error.params)
    if "entity" in params:
        params["entity"] = t(f"entity.{params['entity']}", lang)
    return t(error.key, lang, **params)
