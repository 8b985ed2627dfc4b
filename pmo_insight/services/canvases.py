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
    utcnow,
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
        link.updated_at = utcnow()
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


def update_kpi(
    session: Session, *, kpi_id: int, expected_version: int, proves: Sequence[int] | None = None, **changes: Any
) -> Kpi:
    """Fields as in :class:`KpiUpdate`; ``proves``, when given, replaces the items the KPI measures."""
    kpi = versioned_update(session, Kpi, kpi_id, expected_version=expected_version, changes=changes, schema=KpiUpdate)
    if proves is not None:
        set_kpi_proves(session, kpi_id=kpi_id, item_ids=proves)
    return kpi


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


def unlink_kpi(session: Session, *, kpi_id: int, item_id: int) -> None:
    link = session.exec(select(KpiLink).where(KpiLink.kpi_id == kpi_id, KpiLink.item_id == item_id)).first()
    if link is not None:
        session.delete(link)
        session.flush()


def set_kpi_proves(session: Session, *, kpi_id: int, item_ids: Sequence[int]) -> list[KpiLink]:
    """Make ``item_ids`` exactly the value-map items the KPI proves (links added and removed)."""
    get_or_raise(session, Kpi, kpi_id)
    wanted = list(dict.fromkeys(item_ids))
    for link in session.exec(select(KpiLink).where(KpiLink.kpi_id == kpi_id)).all():
        if link.item_id not in wanted:
            session.delete(link)
    session.flush()
    return [link_kpi(session, kpi_id=kpi_id, item_id=item_id) for item_id in wanted]


def list_items(session: Session, *, canvas_id: int, kind: ItemKind | str | None = None) -> list[CanvasItem]:
    """A canvas's items in board order (position), optionally of one kind."""
    query = select(CanvasItem).where(CanvasItem.canvas_id == canvas_id)
    if kind is not None:
        query = query.where(CanvasItem.kind == ItemKind(kind))
    return list(session.exec(query.order_by(CanvasItem.position, CanvasItem.id)).all())


def move_item(session: Session, *, item_id: int, offset: int) -> CanvasItem:
    """Move an item up (-1) or down (+1) among the items of its kind; at either end nothing changes.

    Order is layout, not content: positions swap without bumping versions, so moving a note never
    makes a colleague's pending edit of its text look stale.
    """
    item = get_or_raise(session, CanvasItem, item_id)
    siblings = list_items(session, canvas_id=item.canvas_id, kind=item.kind)
    index = next(i for i, s in enumerate(siblings) if s.id == item.id)
    other = index + (1 if offset > 0 else -1)
    if offset == 0 or not 0 <= other < len(siblings):
        return item
    neighbour = siblings[other]
    item.position, neighbour.position = neighbour.position, item.position
    if item.position == neighbour.position:  # legacy rows without distinct positions
        item.position += 1 if offset > 0 else -1
    session.add_all([item, neighbour])
    session.flush()
    return item


def save_statement(session: Session, *, canvas_id: int, expected_version: int, value_statement: str) -> ValueCanvas:
    """Store the value statement the team agreed on; refused if someone saved another meanwhile."""
    return update_canvas(
        session, canvas_id=canvas_id, expected_version=expected_version, value_statement=value_statement
    )
