"""Export: the workshop as an editable deck, a Markdown report or a JSON backup; restore a backup."""

from dataclasses import replace

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.backup_check import MAX_BACKUP_BYTES
from pmo_insight.export import EXPORTERS, ExportOptions, export, file_name
from pmo_insight.i18n import LANGUAGES
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services.chain_cache import cached_chain
from pmo_insight.ui.history.snapshots import base_picker

tr = web.tr
MAX_MB = MAX_BACKUP_BYTES // (1024 * 1024)

web.require_shell()
st.title(f"📤 {tr('export.page.title')}")
st.caption(tr("export.page.intro"))
web.show_flash()

workshop_id = web.current_workshop_id()
chain = web.call(cached_chain, workshop_id=workshop_id, responses=True) if workshop_id is not None else None
if workshop_id is None:
    st.info(tr("export.page.no_workshop"), icon="🏠")

if chain is not None:
    with st.container(border=True):
        st.subheader(tr("export.page.choose"))
        st.session_state.setdefault("export_lang", web.lang())
        lang = st.radio(
            tr("export.page.language"),
            LANGUAGES,
            key="export_lang",
            format_func=lambda code: tr(f"language.{code}"),
            horizontal=True,
        )
        people = {p.id: f"{p.avatar} {p.name}" for p in chain.personas}
        journeys = {j.id: f"{j.scenario} ({people.get(j.persona_id, '')})" for j in chain.journeys}
        canvases = {c.id: c.title for c in chain.canvases}
        left, middle, right = st.columns(3)
        chosen = {}
        for column, name, labels in zip(
            (left, middle, right), ("personas", "journeys", "canvases"), (people, journeys, canvases), strict=True
        ):
            chosen[name] = column.multiselect(
                tr(f"export.page.{name}"),
                list(labels),
                default=list(labels),
                format_func=labels.get,
                key=f"export_{name}_{workshop_id}",
                placeholder=tr("library.choose_options"),
            )
        base = base_picker(workshop_id)
    options = replace(ExportOptions.choose(lang, **chosen), base_snapshot=base)

    st.subheader(tr("export.page.download"))
    for column, (fmt, exporter) in zip(st.columns(len(EXPORTERS)), EXPORTERS.items(), strict=True):
        with column, st.container(border=True):
            st.download_button(
                tr(f"export.format.{fmt}"),
                # Built only when clicked: a deck takes about a second, far too slow for every rerun.
                data=lambda fmt=fmt: export(chain, fmt, options),
                file_name=file_name(chain, fmt, lang),
                mime=exporter.mime,
                key=f"download_{fmt}",
                type="primary" if fmt == "pptx" else "secondary",
                on_click="ignore",
                width="stretch",
            )
            st.caption(tr(f"export.format_help.{fmt}"))
    st.caption(tr("export.page.whole_workshop"))

st.divider()
st.subheader(f"♻️ {tr('export.page.restore_title')}")
st.caption(tr("export.page.restore_intro"))
upload = st.file_uploader(
    tr("export.page.upload", max=MAX_MB), type=["json"], key="restore_file", max_upload_size=MAX_MB
)
if st.button(tr("export.page.restore_button"), key="restore", disabled=upload is None, type="primary"):
    restored = web.call(restore_backup, data=upload.getvalue())
    if restored is not None:
        web.set_current_workshop(restored.id)
        web.flash(tr("export.page.restored", title=web.md(restored.title)))
        st.rerun()
