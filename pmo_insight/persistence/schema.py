"""Every table of every feature on one SQLModel metadata: the core chain and each feature's own models.

A feature keeps its tables in its own folder (``live/models.py``, ``review/models.py``); this module
is the one place that gathers them, for the engine, the migrations and the revision contract. A new
feature with tables adds one import here.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from pmo_insight import models as core_models
from pmo_insight.access import models as access_models
from pmo_insight.grouping import models as grouping_models
from pmo_insight.grouping.pains import models as pain_group_models
from pmo_insight.live import models as live_models
from pmo_insight.portfolio import models as portfolio_models
from pmo_insight.review import models as review_models
from pmo_insight.surveys import models as survey_models

#: The modules whose tables make up the schema, lowest first.
TABLE_MODULES = (
    core_models,
    access_models,
    live_models,
    review_models,
    survey_models,
    portfolio_models,
    grouping_models,
    pain_group_models,
)
metadata = SQLModel.metadata
