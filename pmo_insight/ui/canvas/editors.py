"""Editing a value proposition canvas on the shared screen: pick, items, fit links, KPIs, statement.

Every editor reads the already loaded chain (no per-item queries), quotes the version it first
showed (``web.seen_version``) so a colleague's save is never silently overwritten, and keeps what
was typed when a save is refused. Add forms get a fresh key after a successful add, which empties
them without touching widget state Streamlit already owns.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.value_statement import build_statement
from pmo_insight.models import (
    CUSTOMER_KINDS,
    FIT_TARGET,
    TEXT_MAX,
    VALUE_MAP_KINDS,
    CanvasItem,
    FitStrength,
    ItemKind,
    Quadrant,
    RefKind,
    ValueCanvas,
)
from pmo_insight.services import canvases as svc
from pmo_insight.services.carry import NOTE_KIND, carry_into_canvas
from pmo_insight.ui.canvas.board import KIND_ICONS, SOURCE_ICONS, item_codes, item_sources
from pmo_insight.ui.canvas.kpi_actuals import kpi_actuals_panel
from pmo_insight.ui.common import conflict, drafts
from pmo_insight.ui.common.widget_state import closable, close_next_run

tr = web.tr
CANVAS_KEY = "canvas_id"
RANKS = [1, 2, 3, 4, 5]


def _nonce(name: str) -> int:
    return st.session_state.get(f"_nonce:{name}", 0)


def _renew(name: str) -> None:
    """Give an add form fresh widget keys: it redraws empty after a successful add."""
    st.session_state[f"_nonce:{name}"] = _nonce(name) + 1


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- picking and managing canvases ----------------------------------------------------------


def canvas_picker(chain: WorkshopChain) -> ValueCanvas | None:
    """The canvas being worked on (a selector), with create, rename and delete beside it."""
    personas = {p.id: p for p in chain.personas}
    canvases = {c.id: c for c in chain.canvases}
    if st.session_state.get(CANVAS_KEY) not in canvases:
        st.session_state[CANVAS_KEY] = next(iter(canvases), None)
    pick, create, manage = st.columns([4, 1, 1], vertical_alignment="bottom")
    if canvases:
        pick.selectbox(
            tr("canvas.pick"),
            list(canvases),
            key=CANVAS_KEY,
            format_func=lambda cid: f"{canvases[cid].title} — {personas[canvases[cid].persona_id].name}",
        )
    else:
        pick.info(tr("canvas.none_yet"), icon="👉")
    with create.popover(f"➕ {tr('canvas.new')}", width="stretch", **closable("new_canvas"), wrap=True):
        _create_canvas_form(chain)
    canvas = canvases.get(st.session_state.get(CANVAS_KEY))
    if canvas is not None:
        with manage.popover(f"✏️ {tr('canvas.manage')}", width="stretch"):
            _manage_canvas(canvas)
    return canvas


def _create_canvas_form(chain: WorkshopChain) -> None:
    if not chain.personas:
        st.info(tr("canvas.need_persona"), icon="👤")
        return
    personas = {p.id: p for p in chain.personas}
    n = _nonce("canvas")
    title = st.text_input(tr("field.title"), max_chars=200, **drafts.track(f"new_canvas_title_{n}"))
    drafts.unsaved_mark([f"new_canvas_title_{n}"])
    persona_id = st.selectbox(
        tr("entity.persona"), list(personas), key=f"new_canvas_persona_{n}", format_func=lambda p: personas[p].name
    )
    journeys = {j.id: j for j in chain.journeys if j.persona_id == persona_id}
    journey_id = st.selectbox(
        tr("canvas.journey_optional"),
        [None, *journeys],
        key=f"new_canvas_journey_{n}",
        format_func=lambda j: tr("canvas.no_journey") if j is None else journeys[j].scenario,
    )
    if st.button(tr("canvas.create"), key="new_canvas_create", type="primary"):
        created = web.call(svc.create_canvas, persona_id=persona_id, title=title, journey_id=journey_id)
        if created is not None:
            drafts.clear(f"new_canvas_title_{n}")
            _renew("canvas")
            close_next_run("new_canvas")
            st.session_state[CANVAS_KEY] = created.id
            web.flash(tr("canvas.created", title=web.md(created.title)))
            st.rerun()


def _manage_canvas(canvas: ValueCanvas) -> None:
    key = f"canvas:{canvas.id}"
    title = st.text_input(
        tr("field.title"), value=canvas.title, max_chars=200, **drafts.track(f"canvas_title_{canvas.id}")
    )
    clicked = st.button(tr("common.save"), key=f"canvas_rename_{canvas.id}", type="primary")
    fields = [conflict.Field(tr("field.title"), f"canvas_title_{canvas.id}", canvas.title)]
    if conflict.save(key, svc.update_canvas, version=canvas.version, fields=fields, clicked=clicked,
                     part="title", canvas_id=canvas.id, title=title):  # fmt: skip
        st.rerun()
    st.divider()
    st.warning(tr("canvas.delete_confirm", title=web.md(canvas.title)))
    clicked = st.button(tr("canvas.delete"), key=f"canvas_delete_{canvas.id}")
    if conflict.delete(key, svc.delete_canvas, version=canvas.version, fields=fields, clicked=clicked,
                       canvas_id=canvas.id):  # fmt: skip
        web.flash(tr("canvas.deleted", title=web.md(canvas.title)))
        st.rerun()


# --- items ------------------------------------------------------------------------------------


def items_editor(chain: WorkshopChain, canvas: ValueCanvas) -> None:
    """Six areas, value map first as on the board: each item one click from its editor."""
    codes = item_codes(chain, canvas.id)
    for kinds in (VALUE_MAP_KINDS, CUSTOMER_KINDS):
        for col, kind in zip(st.columns(3), kinds, strict=True):
            with col, st.container(border=True, key=f"area_{kind}"):
                st.markdown(f"**{KIND_ICONS[kind]} {tr(f'canvas.kind.{kind}')}**")
                st.caption(tr(f"canvas.hint.{kind}"))
                items = chain.items_of(canvas.id, kind)
                for index, item in enumerate(items):
                    _item_editor(chain, item, codes[item.id], first=index == 0, last=index == len(items) - 1)
                _add_item_form(canvas, kind)
    _carry_in(chain, canvas)


def _item_editor(chain: WorkshopChain, item: CanvasItem, code: str, *, first: bool, last: bool) -> None:
    key = f"item:{item.id}"
    label = f"{code} · {web.md(_short(item.text))} · {'●' * item.rank}"
    with st.popover(label, width="stretch", key=f"item_pop_{item.id}"):
        for source in item_sources(chain, item):
            st.caption(f"{tr('canvas.item.from')} {web.md(source)}")
        text = st.text_area(
            tr("field.text"), value=item.text, max_chars=TEXT_MAX, **drafts.track(f"item_text_{item.id}")
        )
        rank = st.select_slider(
            tr(f"canvas.rank.{item.kind}"), RANKS, value=item.rank, **drafts.track(f"item_rank_{item.id}")
        )
        save, up, down, delete = st.columns(4)
        clicked = save.button(tr("common.save"), key=f"item_save_{item.id}", type="primary")
        if up.button("⬆️", key=f"item_up_{item.id}", disabled=first, help=tr("canvas.item.up")):
            if web.call(svc.move_item, item_id=item.id, offset=-1):
                st.rerun()
        if down.button("⬇️", key=f"item_down_{item.id}", disabled=last, help=tr("canvas.item.down")):
            if web.call(svc.move_item, item_id=item.id, offset=1):
                st.rerun()
        deleting = delete.button("🗑️", key=f"item_delete_{item.id}", help=tr("canvas.item.delete"))
        fields = [
            conflict.Field(tr("field.text"), f"item_text_{item.id}", item.text),
            conflict.Field(tr(f"canvas.rank.{item.kind}"), f"item_rank_{item.id}", item.rank),
        ]
        if conflict.delete(key, svc.delete_item, version=item.version, fields=fields, clicked=deleting,
                           item_id=item.id):  # fmt: skip
            web.flash(tr("canvas.item.deleted", code=code))
            st.rerun()
        if conflict.save(key, svc.update_item, version=item.version, fields=fields, clicked=clicked,
                         item_id=item.id, text=text, rank=rank):  # fmt: skip
            st.rerun()


def _add_item_form(canvas: ValueCanvas, kind: ItemKind) -> None:
    """Type and press Enter (a form), as on the empathy board; the rank can be set before."""
    n = _nonce(f"add_{kind}")
    with st.form(f"add_form_{kind}_{n}", border=False):
        text = st.text_input(
            tr("canvas.item.new", kind=tr(f"canvas.kind.{kind}")),
            key=f"add_text_{kind}_{n}",
            max_chars=TEXT_MAX,
            label_visibility="collapsed",
            placeholder=tr("canvas.item.new", kind=tr(f"canvas.kind.{kind}")),
        )
        rank_col, add_col = st.columns([3, 2], vertical_alignment="bottom")
        rank = rank_col.select_slider(tr(f"canvas.rank.{kind}"), RANKS, value=3, key=f"add_rank_{kind}_{n}")
        added = add_col.form_submit_button(f"➕ {tr('canvas.item.add')}", key=f"add_item_{kind}", width="stretch")
    if added and web.call(svc.add_item, canvas_id=canvas.id, kind=kind, text=text, rank=rank) is not None:
        _renew(f"add_{kind}")
        st.rerun()


def _carry_in(chain: WorkshopChain, canvas: ValueCanvas) -> None:
    """Bring a pain or gain in from the persona's empathy maps and journeys, traced back to it."""
    carried = {s for i in chain.items_of(canvas.id) for s in chain.traced_sources(Ref(RefKind.CANVAS_ITEM, i.id))}
    sources: dict[Ref, str] = {}
    for emap in (m for m in chain.maps if m.persona_id == canvas.persona_id):
        for note in chain.notes_of(emap.id):
            if Quadrant(note.quadrant) in NOTE_KIND:
                sources[Ref(RefKind.EMPATHY_NOTE, note.id)] = f"{SOURCE_ICONS[RefKind.EMPATHY_NOTE]} {note.text}"
    for journey in (j for j in chain.journeys if j.persona_id == canvas.persona_id):
        for tp in chain.touchpoints_of(journey.id):
            if tp.pain_point:
                key_mark = "🔥 " if tp.is_key_pain else ""
                sources[Ref(RefKind.TOUCHPOINT, tp.id)] = (
                    f"{SOURCE_ICONS[RefKind.TOUCHPOINT]} {key_mark}{tp.name}: {tp.pain_point}"
                )
    open_sources = [ref for ref in sources if ref not in carried]
    with st.expander(f"📥 {tr('canvas.carry.title', count=len(open_sources))}"):
        if not open_sources:
            st.caption(tr("canvas.carry.none"))
            return
        chosen = st.multiselect(
            tr("canvas.carry.pick"),
            open_sources,
            key=f"carry_pick_{canvas.id}",
            format_func=lambda r: sources[r],
            placeholder=tr("library.choose_options"),
        )
        if st.button(tr("canvas.carry.button"), key="carry_in", disabled=not chosen, type="primary"):
            done = [web.call(carry_into_canvas, source=ref, canvas_id=canvas.id) for ref in chosen]
            if all(done):
                st.session_state.pop(f"carry_pick_{canvas.id}", None)
                web.flash(tr("canvas.carry.done", count=len(done)))
                st.rerun()


# --- fit --------------------------------------------------------------------------------------


def fit_editor(chain: WorkshopChain, canvas: ValueCanvas) -> None:
    """Link a reliever to a pain (or a creator to a gain), full or partial; unlink with one click."""
    codes = item_codes(chain, canvas.id)
    items = {i.id: i for i in chain.items_of(canvas.id)}
    value_items = [i.id for i in chain.items_of(canvas.id) if i.kind in FIT_TARGET]
    link_col, list_col = st.columns([2, 3])
    with link_col, st.container(border=True):
        st.markdown(f"**🔗 {tr('canvas.fit.link_title')}**")
        if not value_items:
            st.info(tr("canvas.fit.no_value_items"), icon="💊")
        else:
            value_id = st.selectbox(
                tr("canvas.fit.value_item"),
                value_items,
                key="fit_value",
                format_func=lambda i: f"{codes[i]} · {_short(items[i].text, 70)}",
            )
            target_kind = FIT_TARGET[ItemKind(items[value_id].kind)]
            targets = [i.id for i in chain.items_of(canvas.id, target_kind)]
            target_id = st.selectbox(
                tr(f"canvas.fit.target.{target_kind}"),
                targets,
                key=f"fit_target_{target_kind}",
                format_func=lambda i: f"{codes[i]} · {_short(items[i].text, 70)}",
            )
            strength = st.radio(
                tr("field.strength"),
                list(FitStrength),
                key="fit_strength",
                horizontal=True,
                format_func=lambda s: tr(f"canvas.fit.strength.{s}"),
            )
            if st.button(f"🔗 {tr('canvas.fit.link')}", key="fit_link", type="primary", disabled=target_id is None):
                if web.call(svc.link_fit, value_item_id=value_id, customer_item_id=target_id, strength=strength):
                    web.flash(tr("canvas.fit.linked", value=codes[value_id], target=codes[target_id]))
                    st.rerun()
    with list_col, st.container(border=True):
        links = [f for f in chain.fit_links if f.canvas_id == canvas.id]
        st.markdown(f"**{tr('canvas.fit.links_title', count=len(links))}**")
        for link in links:
            value, customer = items.get(link.value_item_id), items.get(link.customer_item_id)
            if value is None or customer is None:
                continue
            text_col, button_col = st.columns([6, 1], vertical_alignment="center")
            text_col.markdown(
                f"**{codes[value.id]} → {codes[customer.id]}** · {tr(f'canvas.fit.strength.{link.strength}')}"
            )
            text_col.caption(f"{web.md(_short(value.text, 60))} → {web.md(_short(customer.text, 60))}")
            if button_col.button("✖", key=f"fit_unlink_{link.id}", help=tr("canvas.fit.unlink")):
                if web.attempt(svc.unlink_fit, value_item_id=value.id, customer_item_id=customer.id):
                    st.rerun()


# --- KPIs -------------------------------------------------------------------------------------


def kpi_editor(chain: WorkshopChain, canvas: ValueCanvas) -> None:
    """KPIs with baseline, target, unit and due date, and the value-map items each one proves."""
    codes = item_codes(chain, canvas.id)
    items = {i.id: i for i in chain.items_of(canvas.id) if i.kind in VALUE_MAP_KINDS}
    proved_by = {}
    for link in chain.kpi_links:
        proved_by.setdefault(link.kpi_id, []).append(link.item_id)
    for kpi in chain.kpis_of(canvas.id):
        key = f"kpi:{kpi.id}"
        proves = [i for i in proved_by.get(kpi.id, []) if i in items]
        with st.container(border=True, key=f"kpi_box_{kpi.id}"):
            values = _kpi_fields(f"kpi_{kpi.id}", kpi, list(items), proves, codes, items)
            save, delete, _ = st.columns([1, 1, 4])
            clicked = save.button(tr("common.save"), key=f"kpi_save_{kpi.id}", type="primary")
            deleting = delete.button("🗑️", key=f"kpi_delete_{kpi.id}", help=tr("canvas.kpi.delete"))
            fields = _kpi_conflict_fields(f"kpi_{kpi.id}", kpi, proves, codes)
            if conflict.delete(
                key, svc.delete_kpi, version=kpi.version, fields=fields, clicked=deleting, kpi_id=kpi.id
            ):
                st.rerun()
            if conflict.save(key, svc.update_kpi, version=kpi.version, fields=fields, clicked=clicked,
                             kpi_id=kpi.id, **values):  # fmt: skip
                st.rerun()
            kpi_actuals_panel(chain, kpi)
    with st.container(border=True, key="kpi_new_box"):
        st.markdown(f"**➕ {tr('canvas.kpi.new')}**")
        n = _nonce("kpi")
        values = _kpi_fields(f"kpi_new_{n}", None, list(items), [], codes, items)
        drafts.unsaved_mark([f"kpi_new_{n}_{name}" for name in ("name", "baseline", "target", "unit", "due", "proves")])
        if st.button(tr("canvas.kpi.add"), key="kpi_add", type="primary"):
            proves = values.pop("proves")
            if web.call(svc.add_kpi, canvas_id=canvas.id, proves=proves, **values) is not None:
                drafts.clear_prefix(f"kpi_new_{n}_")
                _renew("kpi")
                st.rerun()


def _kpi_conflict_fields(prefix: str, kpi, proves: list[int], codes: dict[int, str]) -> list[conflict.Field]:
    stored = {"name": kpi.name, "baseline": kpi.baseline, "target": kpi.target, "unit": kpi.unit, "due": kpi.due_on}
    fields = [
        conflict.Field(tr(f"field.{'due_on' if name == 'due' else name}"), f"{prefix}_{name}", value)
        for name, value in stored.items()
    ]
    show = lambda ids: ", ".join(codes.get(i, "?") for i in ids) or tr("conflict.empty")  # noqa: E731
    return [*fields, conflict.Field(tr("canvas.kpi.proves"), f"{prefix}_proves", proves, show)]


def _kpi_fields(prefix, kpi, options, proves, codes, items) -> dict:
    name_col, base_col, target_col, unit_col, due_col = st.columns([4, 1.3, 1.3, 1.2, 1.6])
    values = {
        "name": name_col.text_input(tr("field.name"), value=kpi.name if kpi else "", **drafts.track(f"{prefix}_name")),
        "baseline": base_col.number_input(
            tr("field.baseline"), value=kpi.baseline if kpi else None, format="%g", **drafts.track(f"{prefix}_baseline")
        ),
        "target": target_col.number_input(
            tr("field.target"), value=kpi.target if kpi else None, format="%g", **drafts.track(f"{prefix}_target")
        ),
        "unit": unit_col.text_input(
            tr("field.unit"), value=kpi.unit if kpi else "", max_chars=32, **drafts.track(f"{prefix}_unit")
        ),
        "due_on": due_col.date_input(
            tr("field.due_on"), value=kpi.due_on if kpi else None, **drafts.track(f"{prefix}_due")
        ),
    }
    values["proves"] = st.multiselect(
        tr("canvas.kpi.proves"),
        options,
        default=proves,
        **drafts.track(f"{prefix}_proves"),
        format_func=lambda i: f"{codes[i]} · {_short(items[i].text, 60)}",
        placeholder=tr("library.choose_options"),
    )
    return values


# --- value statement --------------------------------------------------------------------------


def statement_editor(chain: WorkshopChain, canvas: ValueCanvas) -> None:
    """The statement written from the canvas (live) beside the one the team saved."""
    suggestion = build_statement(chain, canvas.id, web.lang())
    text_key = f"statement_text_{canvas.id}"
    seen_key = f"canvas:{canvas.id}"
    st.markdown(f"**✨ {tr('canvas.statement.suggested')}**")
    with st.container(border=True, key="statement_suggestion"):
        st.markdown(f"### {web.md(suggestion)}")
    st.button(
        f"⬇️ {tr('canvas.statement.use')}",
        key="statement_use",
        on_click=_use_suggestion,
        args=(text_key, suggestion),
    )
    drafts.restore(text_key)
    st.session_state.setdefault(text_key, canvas.value_statement)
    text = st.text_area(tr("canvas.statement.saved"), height=120, max_chars=TEXT_MAX, **drafts.track(text_key))
    clicked = st.button(tr("common.save"), key="statement_save", type="primary")
    fields = [conflict.Field(tr("canvas.statement.saved"), text_key, canvas.value_statement)]
    if conflict.save(seen_key, svc.save_statement, version=canvas.version, fields=fields, clicked=clicked,
                     part="statement", canvas_id=canvas.id, value_statement=text):  # fmt: skip
        web.flash(tr("canvas.statement.stored"))
        st.rerun()


def _use_suggestion(text_key: str, suggestion: str) -> None:
    """Put the written statement into the editor: an unsaved draft until Save."""
    st.session_state[text_key] = suggestion
    drafts.remember(text_key)
