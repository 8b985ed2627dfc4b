"""Small workshops for the portfolio tests, built through the real services."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmo_insight.domain.fingerprint import canvas_fingerprint
from pmo_insight.domain.refs import Ref
from pmo_insight.iterate.kpi_actuals import add_kpi_actual
from pmo_insight.models import ItemKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, empathy, links, personas, review_decisions, review_links, workshops


def portfolio_workshop(
    session: Session,
    *,
    title: str,
    department: str,
    pains: list[tuple[str, int]] = (),
    kpis: list[dict] = (),
    held_on: date = date(2026, 1, 1),
    next_review_on: date | None = None,
    verdict: str | None = None,
    note: str | None = None,
):
    """A workshop with one persona, one canvas holding ``pains`` (text, severity) and ``kpis``
    (KPI fields plus ``actuals``: [(value, date)...]); ``note`` is an empathy note traced to the
    first pain; ``verdict`` a reviewer's decision on the canvas."""
    ws = workshops.create_workshop(
        session, title=title, department=department, held_on=held_on, next_review_on=next_review_on
    )
    persona = personas.create_persona(session, workshop_id=ws.id, name=f"{title} persona")
    canvas = canvases.create_canvas(session, persona_id=persona.id, title=f"{title} canvas")
    items = [canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text=t, rank=r) for t, r in pains]
    if note and items:
        emap = empathy.create_map(session, persona_id=persona.id, scenario="Interviews")
        source = empathy.add_note(session, map_id=emap.id, quadrant="pains", text=note, department=department)
        links.add_trace(
            session, source=Ref(RefKind.EMPATHY_NOTE, source.id), target=Ref(RefKind.CANVAS_ITEM, items[0].id)
        )
    for spec in kpis:
        spec = dict(spec)
        actuals = spec.pop("actuals", [])
        kpi = canvases.add_kpi(session, canvas_id=canvas.id, **spec)
        for value, on in actuals:
            add_kpi_actual(session, kpi_id=kpi.id, value=value, measured_on=on)
    if verdict:
        link = review_links.create_review_link(session, workshop_id=ws.id, label="Lead")
        session.flush()
        chain = load_chain(session, workshop_id=ws.id)
        review_decisions.record_review_decision(
            session,
            token=link.token,
            canvas_id=canvas.id,
            verdict=verdict,
            seen_fingerprint=canvas_fingerprint(chain, canvas.id),
        )
    session.commit()
    return ws
