"""The grid's draft: rows typed but not saved outlive the grid widget (a page or journey switch)."""

from __future__ import annotations

from pmo_insight.ui.journey.grid import _current_rows, blank, pending


def _payload(rows):
    return {"nodes": [{"id": str(i), "data": dict(row), "rowIndex": i} for i, row in enumerate(rows)]}


def test_an_edit_is_kept_when_the_grid_state_is_gone_and_the_grid_is_rebuilt_from_it():
    loaded = [{**blank("Plan"), "id": 1, "version": 1, "name": "Kick-off"}]
    state = {"generation": 0, "rows": loaded, "loaded": loaded}
    edited = [{**loaded[0], "emotion_now": -2}]

    assert _current_rows(state, _payload(edited))[0]["emotion_now"] == -2
    rows = _current_rows(state, None)  # the next run after a page switch: the widget's state is gone

    assert rows[0]["emotion_now"] == -2 and pending(rows, state["loaded"]) == 1
    assert state["generation"] == 1 and state["restored"] is True  # drawn afresh from the draft, with a banner


def test_without_edits_nothing_is_offered_back():
    loaded = [{**blank("Plan"), "id": 1, "version": 1, "name": "Kick-off"}]
    state = {"generation": 0, "rows": loaded, "loaded": loaded}

    rows = _current_rows(state, None)

    assert rows == loaded and pending(rows, loaded) == 0 and not state.get("restored")
