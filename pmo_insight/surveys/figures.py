"""How many respondents stand behind a persona drafted from a survey segment: "n = 48 of 150 (32%)".

Pure and light (no clustering library imported), so the persona card, the reading view and the
deck can all show the same figure from a loaded chain without a query.
"""

from __future__ import annotations

from typing import Any

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.i18n import t


def persona_figures(chain: WorkshopChain) -> dict[int, Any]:
    """For each persona drafted from a survey segment: its segment record (size, total), no query."""
    return {s.persona_id: s for s in chain.survey_segments}


def segment_figure(segment: Any, lang: str) -> str:
    """ "n = 48 of 150 (32%)"."""
    return t("survey.n_of", lang, n=segment.size, total=segment.total, share=round(segment.size * 100 / segment.total))


def persona_figure(chain: WorkshopChain, persona_id: int, lang: str) -> str | None:
    """The figure of one persona, or None when it was not drafted from a segment."""
    segment = persona_figures(chain).get(persona_id)
    return None if segment is None else segment_figure(segment, lang)
