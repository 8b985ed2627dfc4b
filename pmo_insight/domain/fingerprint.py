"""What a reviewer saw of one canvas, reduced to a SHA-256: the thing a decision is bound to.

The fingerprint covers the canvas's value statement, its items, fit links and KPIs (with what each
KPI proves), and every chain item those items were traced from (touchpoints, empathy notes,
personas). It is computed from content only — canonical JSON with sorted keys and sorted lists —
never from ids, versions, positions or timestamps, so reloading, restoring a backup or a save that
changes nothing leaves it alone, while any change of content moves it. An approval is outdated
exactly when the fingerprint it was given for differs from today's: no edit path has to remember
to clear it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic_core import to_jsonable_python

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import upstream_refs
from pmo_insight.models import (
    CanvasItem,
    CanvasItemCreate,
    KpiCreate,
    PersonaCreate,
    RefKind,
    TouchpointCreate,
)

#: Empathy-note fields that are content; votes, author and department say who and how many, not what.
NOTE_FIELDS = ("quadrant", "text")


def _content(row: Any, fields: set[str] | tuple[str, ...]) -> dict[str, Any]:
    return {name: to_jsonable_python(getattr(row, name)) for name in sorted(fields)}


def _item(item: CanvasItem) -> dict[str, Any]:
    return _content(item, set(CanvasItemCreate.model_fields))


def _canonical(value: Any) -> Any:
    """Lists sorted by their JSON, so order in the database never matters."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _source(chain: WorkshopChain, ref: Ref) -> dict[str, Any] | None:
    rows = {
        RefKind.PERSONA: (chain.personas, set(PersonaCreate.model_fields)),
        RefKind.EMPATHY_NOTE: (chain.notes, NOTE_FIELDS),
        RefKind.TOUCHPOINT: (chain.touchpoints, set(TouchpointCreate.model_fields)),
        RefKind.CANVAS_ITEM: (chain.items, set(CanvasItemCreate.model_fields)),
        RefKind.KPI: (chain.kpis, set(KpiCreate.model_fields)),
    }
    found, fields = rows[ref.kind]
    row = next((r for r in found if r.id == ref.id), None)
    return None if row is None else {"kind": ref.kind.value, **_content(row, fields)}


def canvas_content(chain: WorkshopChain, canvas_id: int) -> dict[str, Any]:
    """The reviewed content of one canvas as plain JSON-ready data (before sorting)."""
    canvas = next(c for c in chain.canvases if c.id == canvas_id)
    items = {i.id: i for i in chain.items_of(canvas_id)}
    kpis = chain.kpis_of(canvas_id)
    kpi_ids = {k.id for k in kpis}
    proves: dict[int, list[dict[str, Any]]] = {}
    for link in chain.kpi_links:
        if link.kpi_id in kpi_ids and link.item_id in items:
            proves.setdefault(link.kpi_id, []).append(_item(items[link.item_id]))
    sources = []
    for item in items.values():
        for ref in upstream_refs(chain, Ref(RefKind.CANVAS_ITEM, item.id)):
            source = _source(chain, ref)
            if source is not None:
                sources.append({"for": _item(item), "source": source})
    return {
        "value_statement": canvas.value_statement,
        "items": [_item(i) for i in items.values()],
        "fit": [
            {
                "value": _item(items[f.value_item_id]),
                "customer": _item(items[f.customer_item_id]),
                "strength": str(f.strength),
            }
            for f in chain.fit_links
            if f.canvas_id == canvas_id and f.value_item_id in items and f.customer_item_id in items
        ],
        "kpis": [{**_content(k, set(KpiCreate.model_fields)), "proves": proves.get(k.id, [])} for k in kpis],
        "sources": sources,
    }


def canonical_json(chain: WorkshopChain, canvas_id: int) -> str:
    return json.dumps(
        _canonical(canvas_content(chain, canvas_id)), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def canvas_fingerprint(chain: WorkshopChain, canvas_id: int) -> str:
    """SHA-256 (hex) of the canonical JSON of what a reviewer sees of this canvas."""
    return hashlib.sha256(canonical_json(chain, canvas_id).encode("utf-8")).hexdigest()
