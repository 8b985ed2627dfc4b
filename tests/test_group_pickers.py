"""Group pickers are keyed by their groups' titles, and act only on one of their own options: a
colleague's rename must not turn this browser's stale label into a move to a group named like it."""

from __future__ import annotations

from pmo_insight.ui.common.group_pickers import chosen, titles_tag


def test_the_tag_changes_when_a_group_is_renamed_added_or_removed_and_not_otherwise():
    titles = {1: "Slow approvals", 2: "Reports"}
    tag = titles_tag(titles)
    assert titles_tag(dict(reversed(list(titles.items())))) == tag  # order of drawing does not matter
    assert titles_tag({1: "Slow sign-up", 2: "Reports"}) != tag
    assert titles_tag({**titles, 3: "Hand-over"}) != tag
    assert titles_tag({1: "Slow approvals"}) != tag
    assert titles_tag({1: "审批太慢", 2: "Reports"}) != titles_tag({1: "审批太快", 2: "Reports"})


def test_only_one_of_the_pickers_own_options_is_acted_on():
    options = (0, 7, 9)
    assert chosen(7, options) == 7 and chosen(0, options) == 0
    assert chosen("Slow approvals", options) is None  # Streamlit's raw label for a renamed group
    assert chosen(8, options) is None and chosen(None, options) is None and chosen(True, (0, 1)) is None
