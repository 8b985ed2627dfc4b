"""What a validation error says: pydantic's error types mapped to i18n keys, and the numbers a message shows.

Shared by every door that validates input against the models' rules (the services, a restored
backup, a file import), so each names a field's problem the same way.
"""

from __future__ import annotations

from typing import Any

PYDANTIC_TO_KEY = {
    "missing": "error.required",
    "string_too_short": "error.required",
    "string_too_long": "error.too_long",
    "too_long": "error.too_many",
    "greater_than_equal": "error.too_small",
    "less_than_equal": "error.too_large",
    "enum": "error.invalid_choice",
    "extra_forbidden": "error.unknown_field",
    "control_character": "error.control_character",
    "entry_control_character": "error.entry_control_character",
    "entry_too_long": "error.entry_too_long",
    "finite_number": "error.not_finite",
    "string_unicode": "error.bad_character",
}


def problem_params(err: Any) -> dict[str, Any]:
    """The numbers and characters a validation message shows, from one pydantic error."""
    ctx = dict(err.get("ctx") or {})
    params: dict[str, Any] = {k: ctx[k] for k in ("char", "entry") if k in ctx}
    if "max_length" in ctx:
        params["max"] = ctx["max_length"]
    if "ge" in ctx:
        params["min"] = ctx["ge"]
    if "le" in ctx:
        params["max"] = ctx["le"]
    return params
