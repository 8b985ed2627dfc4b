"""The survey feature's tables: a survey's columns, one row per respondent, and the segments behind personas.

A survey is one :class:`~pmo_insight.models.Evidence` item (kind survey, sample size = respondents);
these tables hold what it says. Answers stay text exactly as the file had them (a cell starting with
``=`` is data, never a formula); numbers are derived when a segmentation needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Optional

from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from pmo_insight.models import (
    FORBIDDEN_CHARACTERS,
    LONG_MAX,
    NAME_MAX,
    SHORT_MAX,
    EnumText,
    Input,
    Tracked,
    Uid,
    _fk,
    check_text,
)

#: The largest survey a file may hold.
MAX_ROWS = 20_000
MAX_COLUMNS = 200
#: The longest answer a cell may hold.
CELL_MAX = LONG_MAX
#: Below this many respondents a survey is not segmented.
MIN_RESPONDENTS = 30


class ColumnKind(StrEnum):
    """What a survey column holds."""

    RESPONDENT = "respondent"
    TIMESTAMP = "timestamp"
    SINGLE = "single"
    MULTIPLE = "multiple"
    LIKERT = "likert"
    NUMBER = "number"
    TEXT = "text"


#: The kinds a segment may be formed from.
FORMING_KINDS = (ColumnKind.LIKERT, ColumnKind.SINGLE, ColumnKind.MULTIPLE, ColumnKind.NUMBER)


class SurveyColumnBase(SQLModel):
    header: str = Field(min_length=1, max_length=NAME_MAX)
    kind: ColumnKind = Field(sa_type=EnumText(ColumnKind, 16))
    #: Describes segments (department, age…) and never forms them unless the user says so.
    demographic: bool = False


class SurveyColumn(SurveyColumnBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    evidence_id: int = Field(sa_column=_fk("evidence.id"))
    position: int = 0


class SurveyColumnCreate(SurveyColumnBase, Input):
    pass


class SurveyResponseBase(SQLModel):
    respondent: str = Field(min_length=1, max_length=SHORT_MAX)
    #: One text per column, in column order ("" when the respondent left it empty).
    answers: list[str] = Field(default_factory=list, sa_type=JSON, max_length=MAX_COLUMNS)


class SurveyResponse(SurveyResponseBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    evidence_id: int = Field(sa_column=_fk("evidence.id"))
    position: int = 0


class SurveyResponseCreate(SurveyResponseBase):
    """Answers are free text of any length up to :data:`CELL_MAX`, not one-line list entries."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    @field_validator("respondent", mode="after")
    @classmethod
    def _clean_respondent(cls, value: str) -> str:
        return check_text(value)

    @field_validator("answers", mode="after")
    @classmethod
    def _clean_answers(cls, value: list[str]) -> list[str]:
        for number, entry in enumerate(value, start=1):
            check_text(entry, entry=number)
            if len(entry) > CELL_MAX:
                raise PydanticCustomError(
                    "entry_too_long",
                    "entry {entry} is longer than {max_length} characters",
                    {"entry": number, "max_length": CELL_MAX},
                )
        return value


def clean_response(respondent: str, answers: Sequence[str]) -> dict[str, Any] | None:
    """:class:`SurveyResponseCreate`'s result for a row that certainly passes it, else None.

    The same rules, checked for a whole row at C speed instead of cell by cell in Python (a survey
    holds up to 20,000 × 200 cells): no forbidden character in the respondent or in any answer
    (searched in the raw text, before trimming), an id of 1…``SHORT_MAX`` characters after trimming,
    at most ``MAX_COLUMNS`` answers of at most ``CELL_MAX`` characters, every text trimmed as the
    model trims it. None means "not certainly": validate that row with the model, which names the
    problem (the caller's fallback, so an error reads the same whichever way a row went).
    """
    if len(answers) > MAX_COLUMNS or FORBIDDEN_CHARACTERS.search(respondent) is not None:
        return None
    if FORBIDDEN_CHARACTERS.search("\t".join(answers)) is not None:
        return None
    cleaned = list(map(str.strip, answers))
    if cleaned and max(map(len, cleaned)) > CELL_MAX:
        return None
    trimmed = respondent.strip()
    if not 0 < len(trimmed) <= SHORT_MAX:
        return None
    return {"respondent": trimmed, "answers": cleaned}


class SurveySegmentBase(SQLModel):
    """A segment a persona was drafted from: how many respondents stand behind it, and who."""

    label: str = Field(min_length=1, max_length=SHORT_MAX)
    size: int = Field(ge=0, le=MAX_ROWS)
    total: int = Field(ge=1, le=MAX_ROWS)
    stable: bool = True
    respondents: list[str] = Field(default_factory=list, sa_type=JSON, max_length=MAX_ROWS)
    distinguishing: list[str] = Field(default_factory=list, sa_type=JSON, max_length=10)


class SurveySegment(SurveySegmentBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    evidence_id: int = Field(sa_column=_fk("evidence.id"))
    persona_id: int = Field(sa_column=_fk("persona.id"))


class SurveySegmentCreate(SurveySegmentBase, Input):
    pass
