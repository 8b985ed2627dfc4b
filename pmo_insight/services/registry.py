"""Every service function by name, and which of them only read.

The web layer's role guard and the revision contract test both work from this list: a service
is a public module-level function whose first parameter is the session. Anything not named in
:data:`READ_ONLY` is treated as a write, so a new service is guarded until someone declares it
harmless.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from functools import cache
from typing import Any

import pmo_insight.services as services_package

#: Modules outside ``pmo_insight.services`` whose session functions are services too.
EXTRA_MODULES = (
    "pmo_insight.demo",
    "pmo_insight.grouping.carry",
    "pmo_insight.grouping.services",
    "pmo_insight.grouping.pains.carry",
    "pmo_insight.grouping.pains.services",
    "pmo_insight.iterate.diff",
    "pmo_insight.iterate.kpi_actuals",
    "pmo_insight.iterate.rhythm",
    "pmo_insight.iterate.snapshots",
    "pmo_insight.live.participants",
    "pmo_insight.live.sessions",
    "pmo_insight.persistence.chain_loader",
    "pmo_insight.persistence.restore",
    "pmo_insight.persistence.revision",
    "pmo_insight.surveys.services",
    "pmo_insight.portfolio.links",
    "pmo_insight.portfolio.services",
)

#: Qualified names (``module.function``) of services that never write.
READ_ONLY: frozenset[str] = frozenset(
    {
        "pmo_insight.persistence.chain_loader.load_chain",
        "pmo_insight.persistence.chain_loader.load_survey_responses",
        "pmo_insight.services.chain_cache.cached_chain",
        "pmo_insight.services.chain_cache.current_revision",
        "pmo_insight.services.chain_cache.cached_workshop_list",
        "pmo_insight.services.chain_cache.cached_snapshots",
        "pmo_insight.services.health.workshop_health",
        "pmo_insight.grouping.services.group_count",
        "pmo_insight.grouping.services.suggest_groups",
        "pmo_insight.grouping.pains.services.key_pain_count",
        "pmo_insight.grouping.pains.services.pain_group_count",
        "pmo_insight.grouping.pains.services.suggest_pain_groups",
        "pmo_insight.iterate.diff.workshop_diff",
        "pmo_insight.iterate.kpi_actuals.list_kpi_actuals",
        "pmo_insight.iterate.rhythm.review_status_of",
        "pmo_insight.iterate.snapshots.base_snapshot",
        "pmo_insight.iterate.snapshots.get_snapshot",
        "pmo_insight.iterate.snapshots.list_snapshots",
        "pmo_insight.iterate.snapshots.snapshot_chain",
        "pmo_insight.iterate.snapshots.snapshot_document",
        "pmo_insight.live.participants.check_code",
        "pmo_insight.live.participants.participant_view",
        "pmo_insight.live.participants.board_revision",
        "pmo_insight.live.sessions.active_session",
        "pmo_insight.persistence.revision.revision_of",
        "pmo_insight.portfolio.links.check_portfolio_link",
        "pmo_insight.portfolio.links.list_portfolio_links",
        "pmo_insight.portfolio.links.portfolio_by_link",
        "pmo_insight.portfolio.services.portfolio_view",
        "pmo_insight.persistence.revision.touched",
        "pmo_insight.services.canvases.list_canvases",
        "pmo_insight.services.canvases.list_items",
        "pmo_insight.services.carry.carried_item",
        "pmo_insight.services.empathy.list_maps",
        "pmo_insight.services.evidence.evidence_for",
        "pmo_insight.services.evidence.list_evidence",
        "pmo_insight.services.journeys.list_journeys",
        "pmo_insight.services.journeys.list_stages",
        "pmo_insight.services.journeys.list_touchpoints",
        "pmo_insight.services.links.workshop_of",
        "pmo_insight.services.personas.get_persona",
        "pmo_insight.services.personas.list_personas",
        "pmo_insight.services.review_links.check_review_link",
        "pmo_insight.services.review_links.list_review_links",
        "pmo_insight.services.review_links.review_chain",
        "pmo_insight.services.review_links.valid_link",
        "pmo_insight.services.workshops.chain_progress",
        "pmo_insight.services.workshops.get_workshop",
        "pmo_insight.services.workshops.list_participants",
        "pmo_insight.services.workshops.list_workshop_titles",
        "pmo_insight.services.workshops.list_workshops",
        "pmo_insight.surveys.services.list_survey_columns",
        "pmo_insight.surveys.services.survey_segments",
        "pmo_insight.surveys.services.workshop_of_evidence",
    }
)


def qualified_name(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__name__}"


def _is_service(function: object, module_name: str) -> bool:
    if not inspect.isfunction(function) or function.__module__ != module_name or function.__name__.startswith("_"):
        return False
    params = list(inspect.signature(function).parameters)
    return bool(params) and params[0] == "session"


@cache
def all_services() -> dict[str, Callable[..., Any]]:
    """Every service function, by qualified name."""
    names = [
        f"{services_package.__name__}.{m.name}"
        for m in pkgutil.iter_modules(services_package.__path__)
        if not m.name.startswith("_")
    ]
    found: dict[str, Callable[..., Any]] = {}
    for module_name in [*names, *EXTRA_MODULES]:
        module = importlib.import_module(module_name)
        for function in vars(module).values():
            if _is_service(function, module_name):
                found[qualified_name(function)] = function
    return found


def is_read_only(function: Callable[..., Any]) -> bool:
    return qualified_name(function) in READ_ONLY


def write_services() -> dict[str, Callable[..., Any]]:
    return {name: f for name, f in all_services().items() if name not in READ_ONLY}
