"""Value proposition canvases: customer profile against value map, their fit, and the KPIs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, select

from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.models import (
    FIT_TARGET,
    CanvasItem,
    CanvasItemCreate,
    CanvasItemUpdate,
    FitLink,
    FitStrength,
    ItemKind,
    Journey,
    Kpi,
    KpiCreate,
    KpiLink,
    KpiUpdate,
    Persona,
    ValueCanvas,
    ValueCanvasCreate,
    ValueCanvasUpdate,
)
from pmo_insight.services._rows import get_or_raise, insert, next_position, versioned_delete, versioned_update
from pmo_insight.services.links import purge_dangling


def create_canvas(
    session: Session, *, persona_id: int, title: str, journey_id: int | None = None, value_statement: str = ""
) -> ValueCanvas:
    persona = get_or_raise(session, Persona, persona_id)
    if journey_id is not None:
        journey = get_or_raise(session, Journey, journey_id)
        if journey.workshop_id != persona.workshop_id:
            raise ValidationFailed([FieldProblem("journey_id", "error.other_workshop")])
    return insert(
        session,
        ValueCanvas,
        ValueCanvasCreate,
        {"title": title, "value_statement": value_statement},
        persona_id=persona_id,
        workshop_id=persona.workshop_id,
        journey_id=journey_id,
    )


def list_canvases(session: Session, *, workshop_id: int) -> list[ValueCanvas]:
    return list(
        session.exec(select(ValueCanvas).where(ValueCanvas.workshop_id == workshop_id).order_by(ValueCanvas.id)).all()
    )


def update_canvas(session: Session, *, canvas_id: int, expected_version: int, **changes: Any) -> ValueCanvas:
    return versioned_update(
        session, ValueCanvas, canvas_id, expected_version=expected_version, changes=changes, schema=ValueCanvasUpdate
    )


def delete_canvas(session: Session, *, canvas_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, ValueCanvas, canvas_id, expected_version=expected_version)
    purge_dangling(session)


def add_item(session: Session, *, canvas_id: int, **fields: Any) -> CanvasItem:
    """Fields as in :class:`CanvasItemCreate`: kind, text, rank (1-5)."""
    get_or_raise(session, ValueCanvas, canvas_id)
    position = next_position(session, CanvasItem, canvas_id=canvas_id)
    return insert(session, CanvasItem, CanvasItemCreate, fields, canvas_id=canvas_id, position=position)


def update_item(session: Session, *, item_id: int, expected_version: int, **changes: Any) -> CanvasItem:
    return versioned_update(
        session, CanvasItem, item_id, expected_version=expected_version, changes=changes, schema=CanvasItemUpdate
    )


def delete_item(session: Session, *, item_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, CanvasItem, item_id, expected_version=expected_version)
    purge_dangling(session)


def link_fit(
    session: Session, *, value_item_id: int, customer_item_id: int, strength: FitStrength | str = FitStrength.FULL
) -> FitLink:
    """A reliever eases a pain, a creator produces a gain; re-linking updates the strength."""
    value_item = get_or_raise(session, CanvasItem, value_item_id)
    customer_item = get_or_raise(session, CanvasItem, customer_item_id)
    try:
        strength = FitStrength(strength)
    except ValueError:
        raise ValidationFailed([FieldProblem("strength", "error.invalid_choice")]) from None
    if value_item.canvas_id != customer_item.canvas_id:
        raise ValidationFailed([FieldProblem("customer_item_id", "error.other_canvas")])
    if FIT_TARGET.get(ItemKind(value_item.kind)) != ItemKind(customer_item.kind):
        raise ValidationFailed([FieldProblem("customer_item_id", "error.fit_kind")])
    link = session.exec(
        select(FitLink).where(FitLink.value_item_id == value_item_id, FitLink.customer_item_id == customer_item_id)
    ).first()
    if link is None:
        link = FitLink(
            canvas_id=value_item.canvas_id,
            value_item_id=value_item_id,
            customer_item_id=customer_item_id,
            strength=strength,
        )
        session.add(link)
    else:
        link.strength = strength
        link.version += 1
    session.flush()
    return link


def unlink_fit(session: Session, *, value_item_id: int, customer_item_id: int) -> None:
    link = session.exec(
        select(FitLink).where(FitLink.value_item_id == value_item_id, FitLink.customer_item_id == customer_item_id)
    ).first()
    if link is not None:
        session.delete(link)
        session.flush()


def add_kpi(session: Session, *, canvas_id: int, proves: Sequence[int] = (), **fields: Any) -> Kpi:
    """Fields as in :class:`KpiCreate`; ``proves`` names the value-map items whose effect it measures."""
    get_or_raise(session, ValueCanvas, canvas_id)
    position = next_position(session, Kpi, canvas_id=canvas_id)
    kpi = insert(session, Kpi, KpiCreate, fields, canvas_id=canvas_id, position=position)
    for item_id in proves:
        link_kpi(session, kpi_id=kpi.id, item_id=item_id)
    return kpi


def update_kpi(session: Session, *, kpi_id: int, expected_version: int, **changes: Any) -> Kpi:
    return versioned_update(session, Kpi, kpi_id, expected_version=expected_version, changes=changes, schema=KpiUpdate)


def delete_kpi(session: Session, *, kpi_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, Kpi, kpi_id, expected_version=expected_version)
    purge_dangling(session)


def link_kpi(session: Session, *, kpi_id: int, item_id: int) -> KpiLink:
    kpi = get_or_raise(session, Kpi, kpi_id)
    item = get_or_raise(session, CanvasItem, item_id)
    if item.canvas_id != kpi.canvas_id:
        raise ValidationFailed([FieldProblem("item_id", "error.other_canvas")])
    if ItemKind(item.kind) not in (ItemKind.RELIEVER, ItemKind.CREATOR, ItemKind.PRODUCT):
        raise ValidationFailed([FieldProblem("item_id", "error.kpi_kind")])
    link = session.exec(select(KpiLink).where(KpiLink.kpi_id == kpi_id, KpiLink.item_id == item_id)).first()
    if link is None:
        link = KpiLink(kpi_id=kpi_id, item_id=item_id)
        session.add(link)
        session.flush()
    return link
