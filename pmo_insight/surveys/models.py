"""The survey feature's tables: a survey's columns, one row per respondent, and the segments behind personas.

A survey is one :class:`~pmo_insight.models.Evidence` item (kind survey, sample size = respondents);
these tables hold what it says. Answers stay text exactly as the file had them (a cell starting with
``=`` is data, never a formula); numbers are derived when a segmentation needs them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Optional

from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from pmo_insight.models import LONG_MAX, NAME_MAX, SHORT_MAX, EnumText, Input, Tracked, Uid, _fk, check_text

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
