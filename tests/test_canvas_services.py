"""Canvas services beyond create/link: re-ordering, KPI links, the saved statement, and stale edits."""

from __future__ import annotations

import pytest

from pmo_insight.errors import StaleVersion, ValidationFailed
from pmo_insight.models import ItemKind
from pmo_insight.services import canvases, personas, workshops


@pytest.fixture
def canvas(session):
    ws = workshops.create_workshop(session, title="Canvas services")
    persona = personas.create_persona(session, workshop_id=ws.id, name="Huang Jun")
    return canvases.create_canvas(session, persona_id=persona.id, title="Canvas")


def _texts(session, canvas, kind=ItemKind.PAIN) -> list[str]:
    return [i.text for i in canvases.list_items(session, canvas_id=canvas.id, kind=kind)]


def test_moving_an_item_swaps_it_with_its_neighbour_of_the_same_kind_only(session, canvas):
    a = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text="a")
    canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.GAIN, text="gain in between")
    canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text="b")
    c = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text="c")

    canvases.move_item(session, item_id=a.id, offset=1)
    assert _texts(session, canvas) == ["b", "a", "c"]
    canvases.move_item(session, item_id=c.id, offset=-1)
    assert _texts(session, canvas) == ["b", "c", "a"]
    assert _texts(session, canvas, ItemKind.GAIN) == ["gain in between"]


def test_moving_past_either_end_changes_nothing_and_does_not_make_edits_stale(session, canvas):
    a = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.JOB, text="a")
    b = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.JOB, text="b")

    canvases.move_item(session, item_id=a.id, offset=-1)
    canvases.move_item(session, item_id=b.id, offset=1)
    canvases.move_item(session, item_id=b.id, offset=-1)

    assert _texts(session, canvas, ItemKind.JOB) == ["b", "a"]
    canvases.update_item(session, item_id=a.id, expected_version=1, text="a, edited after the move")


def test_a_kpi_edit_replaces_the_items_it_proves_in_the_same_save(session, canvas):
    tiers = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Tiers")
    rules = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Rules")
    kpi = canvases.add_kpi(session, canvas_id=canvas.id, name="Utilisation", baseline=68, target=85, proves=[tiers.id])

    updated = canvases.update_kpi(session, kpi_id=kpi.id, expected_version=kpi.version, target=90, proves=[rules.id])

    assert updated.target == 90 and updated.version == 2
    assert [link.item_id for link in canvases.set_kpi_proves(session, kpi_id=kpi.id, item_ids=[rules.id])] == [rules.id]
    canvases.unlink_kpi(session, kpi_id=kpi.id, item_id=rules.id)
    assert canvases.set_kpi_proves(session, kpi_id=kpi.id, item_ids=[]) == []


def test_a_kpi_cannot_prove_a_pain(session, canvas):
    pain = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text="Slow")
    kpi = canvases.add_kpi(session, canvas_id=canvas.id, name="Lead time")

    with pytest.raises(ValidationFailed) as error:
        canvases.update_kpi(session, kpi_id=kpi.id, expected_version=kpi.version, proves=[pain.id])

    assert error.value.problems[0].key == "error.kpi_kind"


def test_saving_the_statement_from_a_stale_screen_is_refused(session, canvas):
    saved = canvases.save_statement(
        session, canvas_id=canvas.id, expected_version=canvas.version, value_statement="We raise utilisation to 85%."
    )
    assert saved.value_statement == "We raise utilisation to 85%." and saved.version == 2

    with pytest.raises(StaleVersion):
        canvases.save_statement(session, canvas_id=canvas.id, expected_version=1, value_statement="Mine")


def test_a_fit_link_between_a_reliever_and_a_gain_is_refused(session, canvas):
    reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Fast lane")
    gain = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.GAIN, text="Speed")

    with pytest.raises(ValidationFailed) as error:
        canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=gain.id)

    assert error.value.problems[0].key == "error.fit_kind"


def test_item_text_keeps_chinese_emoji_and_markup_exactly(session, canvas):
    text = "审批太慢 😤 <script>alert(1)</script> **bold**"

    item = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text=text, rank=5)

    assert canvases.list_items(session, canvas_id=canvas.id)[0].text == text == item.text


def test_an_empty_or_oversized_item_is_refused_with_the_field_named(session, canvas):
    for text, key in (("   ", "error.required"), ("x" * 2001, "error.too_long")):
        with pytest.raises(ValidationFailed) as error:
            canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text=text)
        assert (error.value.problems[0].field, error.value.problems[0].key) == ("text", key)
