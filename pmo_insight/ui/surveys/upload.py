"""Upload a survey file, show how each column was read, let the user correct the kinds, then import it.

The file is read and checked in full before the table appears; a refused file lists every problem by
file, row and column, and nothing is stored. Import runs through ``web`` (role guard, one transaction).
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.errors import DomainError
from pmo_insight.surveys.models import ColumnKind
from pmo_insight.surveys.reading import MAX_FILE_BYTES, SurveyRejected
from pmo_insight.surveys.services import SurveyPreview, import_survey, preview_survey, problem_lines

UPLOAD_KEY = "survey_upload"
SHEET_KEY = "survey_sheet"
KINDS_KEY = "survey_kinds"
IMPORT_KEY = "survey_import"
SAMPLES = 3


def _refused(error: SurveyRejected) -> None:
    lines = problem_lines(error, web.lang())
    st.error(web.tr("survey.refused_title") + "\n" + "\n".join(f"- {web.md(line)}" for line in lines), icon="⚠️")


def _preview(data: bytes, name: str) -> SurveyPreview | None:
    sheet = st.session_state.get(SHEET_KEY)
    try:
        return preview_survey(data, name, sheet=sheet)
    except SurveyRejected as error:
        _refused(error)
        return None


def survey_upload(workshop_id: int) -> int | None:
    """The upload panel; returns the new evidence id once a file was imported."""
    upload = st.file_uploader(
        web.tr("survey.upload"),
        type=["csv", "txt", "xlsx"],
        help=web.tr("survey.upload_help"),
        key=UPLOAD_KEY,
        # the app's own limit, so the uploader says it (Streamlit's default would say 200 MB)
        max_upload_size=MAX_FILE_BYTES // (1024 * 1024),
    )
    if upload is None:
        return None
    data = upload.getvalue()
    preview = _preview(data, upload.name)
    if preview is None:
        return None
    table = preview.table
    if len(table.sheets) > 1:
        st.selectbox(web.tr("survey.sheet"), table.sheets, key=SHEET_KEY)
    st.caption(
        web.tr("survey.read_as", rows=len(table.rows), columns=len(table.headers), encoding=table.encoding or "XLSX")
    )
    kinds = list(ColumnKind)
    labels = {k: web.tr(f"survey.kind.{k.value}") for k in kinds}
    rows = [
        {
            "header": guess.header,
            "kind": labels[guess.kind],
            "demographic": guess.demographic,
            "sample": " | ".join(row[index] for row in table.rows[:SAMPLES]),
        }
        for index, guess in enumerate(preview.columns)
    ]
    edited = st.data_editor(
        rows,
        key=f"{KINDS_KEY}_{upload.file_id}",
        hide_index=True,
        width="stretch",
        disabled=["header", "sample"],
        column_config={
            "header": st.column_config.TextColumn(web.tr("survey.col.header")),
            "kind": st.column_config.SelectboxColumn(
                web.tr("survey.col.kind"), options=list(labels.values()), required=True
            ),
            "demographic": st.column_config.CheckboxColumn(web.tr("survey.col.demographic")),
            "sample": st.column_config.TextColumn(web.tr("survey.col.sample")),
        },
    )
    if not st.button(f"📥 {web.tr('survey.import')}", key=IMPORT_KEY, type="primary"):
        return None
    by_label = {label: kind for kind, label in labels.items()}
    columns = [{"kind": by_label[row["kind"]], "demographic": bool(row["demographic"])} for row in edited]
    try:
        evidence = web.run(
            import_survey,
            workshop_id=workshop_id,
            data=data,
            filename=upload.name,
            sheet=table.sheet or None,
            columns=columns,
        )
    except SurveyRejected as error:
        _refused(error)
        return None
    except DomainError as error:
        web.report(error)
        return None
    web.flash(web.tr("survey.imported", source=web.md(evidence.source), n=evidence.sample_size))
    return evidence.id
