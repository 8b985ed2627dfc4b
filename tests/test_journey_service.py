"""Journey services: stage template and editing, the grid's bulk save, key pains, carrying to the canvas."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import NotFound, StaleVersion, ValidationFailed
from pmo_insight.models import ItemKind, RefKind, Touchpoint
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, journeys, links, personas, workshops
from pmo_insight.services.journeys import RowsInvalid, TouchpointRow


@pytest.fixture
def persona(session):
    ws = workshops.create_workshop(session, title="Workshop")
    return personas.create_persona(session, workshop_id=ws.id, name="New project manager")


@pytest.fixture
def journey(session, persona):
    return journeys.create_journey(
        session, persona_id=persona.id, scenario="Training", stage_names=journeys.template_stage_names("en")
    )


def _row(stage: str, name: str, **values) -> TouchpointRow:
    return TouchpointRow(values={"stage": stage, "name": name, "emotion_now": 0, **values})


def _existing(tp: Touchpoint, **changes) -> TouchpointRow:
    values = {"stage": None, **{f: getattr(tp, f) for f in journeys.TOUCHPOINT_FIELDS}, **changes}
    return TouchpointRow(
        values, tp.id, tp.version, frozenset(changes) - {"stage"} | ({"stage"} if "stage" in changes else set())
    )


def _names(session, journey_id) -> list[str]:
    return [tp.name for tp in journeys.list_touchpoints(session, journey_id=journey_id)]


# --- stages ----------------------------------------------------------------------------------


def test_the_stage_template_follows_the_seed_in_both_languages(session, journey):
    assert [s.name for s in journeys.list_stages(session, journey_id=journey.id)] == [
        "Aware", "Consider", "Apply", "Use", "Feedback"
    ]  # fmt: skip
    assert journeys.template_stage_names("zh") == ["了解", "考虑", "报名/购买", "使用", "反馈"]


def test_stages_can_be_renamed_added_and_reordered_and_touchpoints_follow_their_stage(session, journey):
    aware, consider, *_ = journeys.list_stages(session, journey_id=journey.id)
    journeys.add_touchpoint(session, stage_id=aware.id, name="Hears")
    journeys.add_touchpoint(session, stage_id=consider.id, name="Reads outline")
    journeys.rename_stage(session, stage_id=aware.id, name="Discover", expected_version=aware.version)
    extra = journeys.add_stage(session, journey_id=journey.id, name="Recommend")

    journeys.move_stage(session, stage_id=consider.id, offset=-1)

    names = [s.name for s in journeys.list_stages(session, journey_id=journey.id)]
    assert names == ["Consider", "Discover", "Apply", "Use", "Feedback", "Recommend"]
    assert _names(session, journey.id) == ["Reads outline", "Hears"]
    assert extra.position == 5


def test_a_duplicate_stage_name_is_refused(session, journey):
    with pytest.raises(ValidationFailed) as failed:
        journeys.add_stage(session, journey_id=journey.id, name="  aware ")
    assert failed.value.problems[0].key == "journey.error.stage_exists"


def test_a_stage_holding_touchpoints_cannot_be_removed_but_an_empty_one_can(session, journey):
    aware, *rest = journeys.list_stages(session, journey_id=journey.id)
    journeys.add_touchpoint(session, stage_id=aware.id, name="Hears")

    with pytest.raises(ValidationFailed) as failed:
        journeys.remove_stage(session, stage_id=aware.id)
    assert failed.value.problems[0].params == {"count": 1}
    journeys.remove_stage(session, stage_id=rest[-1].id, expected_version=rest[-1].version)
    assert len(journeys.list_stages(session, journey_id=journey.id)) == 4


def test_reordering_must_name_exactly_the_journeys_stages(session, journey):
    ids = [s.id for s in journeys.list_stages(session, journey_id=journey.id)]
    with pytest.raises(ValidationFailed):
        journeys.reorder_stages(session, journey_id=journey.id, stage_ids=ids[:-1])
    journeys.reorder_stages(session, journey_id=journey.id, stage_ids=list(reversed(ids)))
    assert [s.id for s in journeys.list_stages(session, journey_id=journey.id)] == list(reversed(ids))


# --- bulk save -------------------------------------------------------------------------------


def test_a_facilitator_builds_five_stages_and_fifteen_touchpoints_in_one_save(session, journey):
    stages = [s.name for s in journeys.list_stages(session, journey_id=journey.id)]
    rows = [_row(stages[i // 3], f"Step {i}", emotion_now=(i % 7) - 3, impact=3, effort=2, opportunity="Fix")
            for i in range(15)]  # fmt: skip

    summary = journeys.save_touchpoints(session, journey_id=journey.id, rows=rows)

    assert (summary.inserted, summary.updated, summary.deleted) == (15, 0, 0)
    assert _names(session, journey.id) == [f"Step {i}" for i in range(15)]
    assert [tp.position for tp in journeys.list_touchpoints(session, journey_id=journey.id)] == list(range(15))


def test_a_save_edits_deletes_inserts_and_reorders_in_one_go(session, journey):
    aware, consider, *_ = journeys.list_stages(session, journey_id=journey.id)
    a = journeys.add_touchpoint(session, stage_id=aware.id, name="A", emotion_now=1)
    b = journeys.add_touchpoint(session, stage_id=aware.id, name="B")
    c = journeys.add_touchpoint(session, stage_id=aware.id, name="C")

    rows = [
        _existing(c, stage="Aware"),
        _existing(a, stage="Consider", emotion_now=-3),
        _row("Aware", "New 😀 新"),
    ]
    rows[0] = TouchpointRow({**rows[0].values}, c.id, c.version, frozenset())
    summary = journeys.save_touchpoints(session, journey_id=journey.id, rows=rows, deleted={b.id: b.version})

    assert (summary.inserted, summary.updated, summary.deleted) == (1, 1, 1)
    assert _names(session, journey.id) == ["C", "New 😀 新", "A"]  # journey order: Aware before Consider
    moved = session.get(Touchpoint, a.id)
    assert (moved.emotion_now, moved.stage_id, moved.version) == (-3, consider.id, 2)
    assert session.get(Touchpoint, c.id).version == 1  # only the order changed: not an edit


def test_invalid_rows_name_the_row_and_cell_and_nothing_is_written(session, journey):
    before = journeys.add_touchpoint(
        session, stage_id=journeys.list_stages(session, journey_id=journey.id)[0].id, name="Kept"
    )
    rows = [
        _row("Aware", "Fine"),
        _row("Aware", "Too low", emotion_now=-4),
        _row("Nowhere", ""),
        _row("Use", "Bad impact", impact=9, emotion_target=None, effort="lots"),
        TouchpointRow(values={"stage": "Use", "name": "x" * 201, "emotion_now": None}),
    ]
    with pytest.raises(RowsInvalid) as failed:
        journeys.save_touchpoints(session, journey_id=journey.id, rows=rows, deleted={before.id: before.version})

    cells = [(c.row, c.field, c.key) for c in failed.value.cells]
    assert cells == [
        (2, "emotion_now", "error.too_small"),
        (3, "stage_id", "journey.error.unknown_stage"),
        (3, "name", "error.required"),
        (4, "impact", "error.too_large"),
        (4, "effort", "error.invalid_value"),
        (5, "emotion_now", "error.required"),
        (5, "name", "error.too_long"),
    ]
    assert _names(session, journey.id) == ["Kept"]


def test_check_rows_reports_the_same_problems_without_a_database():
    problems = journeys.check_rows([_row("Aware", "ok", emotion_now=3), _row("", "x", emotion_now=7)], ["Aware"])
    assert [(p.row, p.field, p.key, p.params) for p in problems] == [
        (2, "stage_id", "error.required", {}),
        (2, "emotion_now", "error.too_large", {"max": 3}),
    ]


def test_a_stale_row_is_refused_with_the_conflict_and_the_whole_save_is_rolled_back(engine, persona, session, journey):
    stage = journeys.list_stages(session, journey_id=journey.id)[0]
    tp = journeys.add_touchpoint(session, stage_id=stage.id, name="Approval", emotion_now=-2)
    session.commit()
    with Session(engine) as colleague:
        journeys.update_touchpoint(colleague, touchpoint_id=tp.id, expected_version=1, emotion_now=-3)
        colleague.commit()
    rows = [_existing(tp, stage="Aware", emotion_now=1), _row("Aware", "Inserted before the conflict")]
    rows = [rows[1], rows[0]]
    session.expire_all()  # like the app, the save reads what is stored now
    with pytest.raises(StaleVersion):
        journeys.save_touchpoints(session, journey_id=journey.id, rows=rows)
    session.rollback()

    assert session.get(Touchpoint, tp.id, populate_existing=True).emotion_now == -3
    assert _names(session, journey.id) == ["Approval"]


def test_rows_the_user_did_not_touch_never_overwrite_a_colleagues_edit(engine, session, journey):
    stage = journeys.list_stages(session, journey_id=journey.id)[0]
    mine = journeys.add_touchpoint(session, stage_id=stage.id, name="Mine")
    theirs = journeys.add_touchpoint(session, stage_id=stage.id, name="Theirs")
    session.commit()
    with Session(engine) as colleague:
        journeys.update_touchpoint(colleague, touchpoint_id=theirs.id, expected_version=1, pain_point="Edited by Wang")
        journeys.add_touchpoint(colleague, stage_id=stage.id, name="Added by Wang")
        colleague.commit()

    rows = [_existing(mine, stage="Aware", channel="Email"), TouchpointRow({**_existing(theirs, stage="Aware").values},
            theirs.id, 1, frozenset())]  # fmt: skip
    journeys.save_touchpoints(session, journey_id=journey.id, rows=rows)

    assert session.get(Touchpoint, theirs.id, populate_existing=True).pain_point == "Edited by Wang"
    assert session.get(Touchpoint, mine.id, populate_existing=True).channel == "Email"
    assert _names(session, journey.id) == ["Mine", "Theirs", "Added by Wang"]


def test_editing_a_row_someone_else_deleted_says_it_no_longer_exists(engine, session, journey):
    stage = journeys.list_stages(session, journey_id=journey.id)[0]
    tp = journeys.add_touchpoint(session, stage_id=stage.id, name="Gone")
    session.commit()
    with Session(engine) as colleague:
        journeys.delete_touchpoint(colleague, touchpoint_id=tp.id)
        colleague.commit()

    with pytest.raises(NotFound):
        journeys.save_touchpoints(session, journey_id=journey.id, rows=[_existing(tp, stage="Aware", name="Renamed")])


# --- key pains and the canvas ----------------------------------------------------------------


def test_marking_a_sixth_key_pain_keeps_it_but_warns_that_focus_is_lost(session, journey):
    stage = journeys.list_stages(session, journey_id=journey.id)[0]
    tps = [journeys.add_touchpoint(session, stage_id=stage.id, name=f"Pain {i}", pain_point="p") for i in range(6)]
    marks = [journeys.mark_key_pain(session, touchpoint_id=tp.id, expected_version=tp.version) for tp in tps]

    assert [m.focus_lost for m in marks] == [False] * 5 + [True]
    assert marks[-1].key_pains == 6 and marks[-1].touchpoint.is_key_pain


def test_a_grid_save_with_more_than_five_key_pains_is_saved_and_flagged(session, journey):
    rows = [_row("Aware", f"P{i}", is_key_pain=True) for i in range(6)]
    summary = journeys.save_touchpoints(session, journey_id=journey.id, rows=rows)
    assert summary.key_pains == 6 and summary.focus_lost


def test_a_key_pain_traced_from_a_note_carries_into_the_canvas_as_note_touchpoint_pain(session, persona, journey):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="Sign-up")
    note = empathy.add_note(session, map_id=emap.id, quadrant="feels", text="Stuck in the approval queue")
    stage = journeys.list_stages(session, journey_id=journey.id)[2]
    tp = journeys.add_touchpoint(
        session, stage_id=stage.id, name="Approval", pain_point="Three approvals in sequence", emotion_now=-3,
        is_key_pain=True,
    )  # fmt: skip
    links.add_trace(session, source=Ref(RefKind.EMPATHY_NOTE, note.id), target=Ref(RefKind.TOUCHPOINT, tp.id))

    item = journeys.carry_key_pain(session, touchpoint_id=tp.id, canvas_title="Canvas for the new PM")
    again = journeys.carry_key_pain(session, touchpoint_id=tp.id, canvas_title="ignored")

    chain = load_chain(session, workshop_id=persona.workshop_id)
    assert again.id == item.id and len(chain.canvases) == 1
    assert (item.kind, item.text, item.rank) == (ItemKind.PAIN, "Three approvals in sequence", 5)
    (source,) = chain.traced_sources(Ref(RefKind.CANVAS_ITEM, item.id))
    assert source == Ref(RefKind.TOUCHPOINT, tp.id)
    assert chain.traced_sources(source) == [Ref(RefKind.EMPATHY_NOTE, note.id)]
