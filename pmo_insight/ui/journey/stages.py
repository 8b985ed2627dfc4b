"""Stage editor: rename, add, remove and reorder a journey's stages in a few clicks."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from pmo_insight import web
from pmo_insight.errors import DomainError, StaleVersion
from pmo_insight.models import Journey, JourneyStage
from pmo_insight.services import journeys as svc
from pmo_insight.ui.common import conflict, drafts


def _done(message: str) -> None:
    web.flash(message)
    st.rerun()


def _save_names(renames: dict[int, tuple[str, int]]) -> None:
    """All renames in one transaction; a stage a colleague changed meanwhile opens its conflict panel."""
    try:
        web.run(svc.rename_stages, names=renames)
    except StaleVersion as error:
        conflict.mark(f"stage:{error.params['id']}")
        web.report(error)
        return
    except DomainError as error:
        web.report(error)
        return
    for stage_id in renames:
        web.forget_seen(f"stage:{stage_id}")
        drafts.clear(f"stage_name_{stage_id}")
    _done(web.tr("journey.stages.renamed", count=len(renames)))


def stage_editor(
    journey: Journey, stages: Sequence[JourneyStage], touch_counts: dict[int, int], *, locked: bool
) -> None:
    """One line per stage; ``locked`` while the grid holds unsaved rows, whose stage column would go stale."""
    # Keyed, so it stays open across the reruns typing causes; typed, unsaved names hold it open
    # until "Save stage names" is pressed.
    key = f"stage_section_{journey.id}"
    for stage in stages:  # names typed before a page switch come back (and hold the section open)
        drafts.restore(f"stage_name_{stage.id}")
    typing = any(str(st.session_state.get(f"stage_name_{s.id}", s.name)).strip() != s.name for s in stages)
    if typing or key not in st.session_state and not stages:
        st.session_state[key] = True
    label = f"🧱 {web.tr('journey.stages.title', count=len(stages))}"
    box = st.expander(label, key=key, on_change="rerun")
    if not box.open:  # built only while open: typed names live on as drafts meanwhile
        return
    with box:
        if locked:
            st.info(web.tr("journey.stages.locked"), icon="💾")
        renames: dict[int, tuple[str, int]] = {}
        for index, stage in enumerate(stages):
            seen = web.seen_version(f"stage:{stage.id}", stage.version)
            label = web.tr("journey.stages.name", number=index + 1)
            name_col, up_col, down_col, remove_col = st.columns([6, 1, 1, 1], vertical_alignment="bottom")
            name = name_col.text_input(
                label, value=stage.name, disabled=locked, **drafts.track(f"stage_name_{stage.id}")
            )
            if name.strip() != stage.name:
                renames[stage.id] = (name, seen)
            if up_col.button(
                "⬆️", key=f"stage_up_{stage.id}", disabled=locked or index == 0, help=web.tr("journey.stages.up")
            ):
                if web.call(svc.move_stage, stage_id=stage.id, offset=-1) is not None:
                    st.rerun()
            last = index == len(stages) - 1
            if down_col.button(
                "⬇️", key=f"stage_down_{stage.id}", disabled=locked or last, help=web.tr("journey.stages.down")
            ):
                if web.call(svc.move_stage, stage_id=stage.id, offset=1) is not None:
                    st.rerun()
            count = touch_counts.get(stage.id, 0)
            remove_help = (
                web.tr("journey.stages.remove_blocked", count=count) if count else web.tr("journey.stages.remove")
            )
            removing = remove_col.button(
                "🗑️", key=f"stage_remove_{stage.id}", disabled=locked or bool(count), help=remove_help
            )
            fields = [conflict.Field(label, f"stage_name_{stage.id}", stage.name)]
            if conflict.delete(f"stage:{stage.id}", svc.remove_stage, version=stage.version, fields=fields,
                               clicked=removing, stage_id=stage.id):  # fmt: skip
                _done(web.tr("journey.stages.removed", name=web.md(stage.name)))
        if renames and st.button(f"💾 {web.tr('journey.stages.save_names')}", key="stage_save_names", type="primary"):
            _save_names(renames)
        for index, stage in enumerate(stages):  # a refused rename: the colleague's name beside the user's
            label = web.tr("journey.stages.name", number=index + 1)
            fields = [conflict.Field(label, f"stage_name_{stage.id}", stage.name)]
            name = st.session_state.get(f"stage_name_{stage.id}", stage.name)
            if conflict.save(f"stage:{stage.id}", svc.rename_stage, version=stage.version, fields=fields,
                             clicked=False, stage_id=stage.id, name=name):  # fmt: skip
                _done(web.tr("journey.stages.renamed", count=1))
        with st.form(f"add_stage_{journey.id}", clear_on_submit=False, border=False):
            name_col, button_col = st.columns([6, 3], vertical_alignment="bottom")
            new_name = name_col.text_input(web.tr("journey.stages.new"), key=f"new_stage_{journey.id}", disabled=locked)
            if button_col.form_submit_button(f"➕ {web.tr('journey.stages.add')}", disabled=locked):
                if web.call(svc.add_stage, journey_id=journey.id, name=new_name) is not None:
                    del st.session_state[f"new_stage_{journey.id}"]  # empty the box only once it is saved
                    _done(web.tr("journey.stages.added", name=web.md(new_name.strip())))
