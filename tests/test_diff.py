"""What changed between two states of a workshop, on hand-made pairs: one change each, then the whole."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.diff import WorkshopDiff, diff_as_json
from pmo_insight.iterate.diff import workshop_diff
from pmo_insight.iterate.diff_markdown import diff_report
from pmo_insight.iterate.kpi_actuals import add_kpi_actual
from pmo_insight.iterate.snapshots import take_snapshot
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, empathy, journeys, personas
from tests.factories import build_workshop


class Pair:
    """A small workshop, a snapshot of it, and the diff from that snapshot to now after a change."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.workshop = build_workshop(session, personas_count=1)
        self.snapshot = take_snapshot(session, self.workshop.id, "Before", "PMO")
        session.commit()

    @property
    def chain(self) -> WorkshopChain:
        return load_chain(self.session, workshop_id=self.workshop.id)

    def diff(self) -> WorkshopDiff:
        self.session.commit()
        return workshop_diff(self.session, workshop_id=self.workshop.id, base_id=self.snapshot.id)


@pytest.fixture
def pair(session) -> Pair:
    return Pair(session)


def _tool(diff: WorkshopDiff, tool: str):
    return next(t for t in diff.tools if t.tool == tool)


def test_nothing_changed_is_an_empty_diff(pair):
    diff = pair.diff()

    assert diff.unchanged and diff.counts == {"added": 0, "removed": 0, "changed": 0}
    assert "Nothing in the chain changed." in diff_report(diff, "en")


def test_an_added_canvas_pain_is_listed_under_the_canvas_and_is_newly_uncovered(pair):
    canvases.add_item(pair.session, canvas_id=pair.chain.canvases[0].id, kind="pain", text="Approval takes 5 days")

    diff = pair.diff()

    [added] = _tool(diff, "canvas").added
    assert (added.section, added.kind, added.label) == ("canvas_items", "pain", "Approval takes 5 days")
    [fit] = diff.fits
    assert fit.newly_uncovered == ("Approval takes 5 days",)
    assert diff.counts == {"added": 1, "removed": 0, "changed": 0}


def test_a_removed_note_is_listed_under_the_empathy_map(pair):
    note = pair.chain.notes[0]
    text, uid = note.text, note.uid
    empathy.delete_note(pair.session, note_id=note.id)

    diff = pair.diff()

    [removed] = _tool(diff, "empathy_map").removed
    assert (removed.section, removed.label, removed.uid) == ("empathy_notes", text, uid)


def test_a_changed_field_shows_before_and_after_and_is_matched_by_uid_not_text(pair):
    persona = pair.chain.personas[0]
    personas.update_persona(pair.session, persona_id=persona.id, expected_version=persona.version, name="Li Na")

    diff = pair.diff()

    [changed] = _tool(diff, "persona").changed
    assert changed.uid == persona.uid and changed.label == "Li Na"
    assert [(f.field, f.before, f.after) for f in changed.fields] == [("name", "Persona 0", "Li Na")]
    assert not _tool(diff, "persona").added and not _tool(diff, "persona").removed
    assert "Name: Persona 0 → Li Na" in diff_report(diff, "en")


def test_a_touchpoint_moved_to_another_stage_is_a_change_of_its_stage(pair):
    chain = pair.chain
    tp = chain.touchpoints[0]
    target = next(s for s in chain.stages if s.id != tp.stage_id)
    journeys.update_touchpoint(pair.session, touchpoint_id=tp.id, expected_version=tp.version, stage_id=target.id)

    diff = pair.diff()

    [changed] = _tool(diff, "journey").changed
    assert [(f.field, f.before, f.after) for f in changed.fields] == [("stage_id", "Stage 0", target.name)]
    assert f"Stage: Stage 0 → {target.name}" in diff_report(diff, "en")


def test_an_emotion_change_reads_with_a_true_minus_and_an_explicit_plus(pair):
    tp = pair.chain.touchpoints[1]
    journeys.update_touchpoint(pair.session, touchpoint_id=tp.id, expected_version=tp.version, emotion_now=2)

    diff = pair.diff()

    [journey] = diff.emotions
    assert [(p.uid, p.before, p.after) for p in journey.changed] == [(tp.uid, -1, 2)]
    assert len(journey.points) == len(pair.chain.touchpoints)
    report = diff_report(diff, "en")
    assert "\u22121 → +2" in report and "-1 → +2" not in report


def test_a_removed_touchpoint_stays_on_the_curve_where_it_was(pair):
    chain = pair.chain
    uids = [t.uid for t in chain.touchpoints]
    journeys.delete_touchpoint(pair.session, touchpoint_id=chain.touchpoints[2].id)

    [journey] = pair.diff().emotions

    assert [p.uid for p in journey.points] == uids
    assert (journey.points[2].before, journey.points[2].after) == (-1, None)


def test_a_fit_change_shows_the_scores_and_the_pain_newly_uncovered_then_relieved(pair):
    chain = pair.chain
    reliever = chain.items_of(chain.canvases[0].id, ItemKind.RELIEVER)[0]
    pain = chain.items_of(chain.canvases[0].id, ItemKind.PAIN)[1]
    canvases.unlink_fit(pair.session, value_item_id=reliever.id, customer_item_id=pain.id)

    diff = pair.diff()

    [fit] = diff.fits
    assert (fit.before.overall, fit.after.overall, fit.before.pains, fit.after.pains) == (1.0, 0.5, 1.0, 0.5)
    assert fit.newly_uncovered == ("Pain 1",) and fit.newly_relieved == ()
    assert "| 100% → 50% | 100% → 50% |" in diff_report(diff, "en")
    [removed] = _tool(diff, "canvas").removed
    assert removed.section == "fit_links" and removed.label == "Self-service → Pain 1"

    # The other way round: a snapshot without the link, and the link made again.
    later = take_snapshot(pair.session, pair.workshop.id, "Unlinked", "PMO")
    canvases.link_fit(pair.session, value_item_id=reliever.id, customer_item_id=pain.id, strength="partial")
    pair.session.commit()
    again = workshop_diff(pair.session, workshop_id=pair.workshop.id, base_id=later.id)
    assert again.fits[0].newly_relieved == ("Pain 1",)
    assert "50% → 75%" in diff_report(again, "en")


def test_a_kpi_actual_added_shows_the_latest_value_and_progress(pair):
    kpi = pair.chain.kpis[0]  # baseline 10 days, target 8 days
    add_kpi_actual(pair.session, kpi_id=kpi.id, value=9, measured_on=date(2027, 2, 1), source="HR system")

    diff = pair.diff()

    [change] = diff.kpis
    assert change.latest[0] is None and change.latest[1].value == 9
    assert [(a.value, a.measured_on, a.source) for a in change.added_actuals] == [(9, "2027-02-01", "HR system")]
    assert change.progress == (None, 0.5)
    report = diff_report(diff, "en")
    assert "— → 9 days (2027-02-01)" in report and "— → 50%" in report and "HR system" in report


def test_the_pitfall_checks_are_compared_before_and_after(pair):
    canvases.add_item(pair.session, canvas_id=pair.chain.canvases[0].id, kind="pain", text="Unrelieved and unbacked")

    diff = pair.diff()

    by_pitfall = {p.pitfall: p for p in diff.pitfalls}
    assert list(by_pitfall) == ["assumptions", "too_many_pains", "one_off", "isolation", "no_buy_in"]
    assert by_pitfall["isolation"].after == by_pitfall["isolation"].before + 1
    assert by_pitfall["assumptions"].after == by_pitfall["assumptions"].before + 1


def test_the_json_form_holds_every_part_and_chinese_reads_chinese(pair):
    persona = pair.chain.personas[0]
    personas.update_persona(pair.session, persona_id=persona.id, expected_version=persona.version, name="李娜")

    diff = pair.diff()

    data = diff_as_json(diff)
    assert set(data) >= {"base", "head", "tools", "emotions", "fits", "kpis", "pitfalls", "counts"}
    report = diff_report(diff, "zh")
    assert "自上次复盘以来的变化" in report and "李娜" in report


def test_user_text_in_the_markdown_diff_stays_literal(pair):
    persona = pair.chain.personas[0]
    personas.update_persona(
        pair.session, persona_id=persona.id, expected_version=persona.version, name="<script>alert(1)</script>"
    )

    report = diff_report(pair.diff(), "en")

    assert "<script>" not in report and "\\<script\\>" in report
