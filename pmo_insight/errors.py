"""Domain errors: each carries an i18n key so entry points can show a message in the UI language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class DomainError(Exception):
    """Base of every error a page or the CLI turns into a user message."""

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)


@dataclass(frozen=True)
class FieldProblem:
    """One invalid field: which field, what is wrong (i18n key) and the numbers the message needs."""

    field: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class ValidationFailed(DomainError):
    key = "error.validation"

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__(self.key, count=len(problems))


class NotFound(DomainError):
    key = "error.not_found"

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(self.key, entity=entity, id=entity_id)


class StaleVersion(DomainError):
    """Someone else saved the row since it was loaded: refuse rather than silently overwrite."""

    key = "error.stale_version"

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(self.key, entity=entity, id=entity_id)
