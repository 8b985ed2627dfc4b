"""Review links, comments and decisions as services: tokens, expiry, revoke, scope, fingerprints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.backup_format import export_json
from pmo_insight.domain.fingerprint import canvas_fingerprint
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import upstream_refs
from pmo_insight.errors import NotFound, ValidationFailed
from pmo_insight.models import ItemKind, Quadrant, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import session_scope
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.review.models import ReviewLink
from pmo_insight.review.state import ReviewState, canvas_review, review_state_text, summary_words
from pmo_insight.services import canvases, empathy, journeys, personas, review_comments, review_decisions
from pmo_insight.services import review_links as links
from pmo_insight.services.workshops import create_workshop


@pytest.fixture
def demo(engine):
    with session_scope(engine) as s:
        return create_demo_workshop(s).id


def _chain(engine, workshop_id):
    with session_scope(engine) as s:
        return load_chain(s, workshop_id=workshop_id)


def _link(engine, workshop_id, **kw):
    with session_scope(engine) as s:
        return links.create_review_link(s, workshop_id=workshop_id, label=kw.pop("label", "Li Wei, COO"), **kw)


# --- links ------------------------------------------------------------------------------------


def test_only_the_sha256_of_the_token_is_stored_and_the_token_finds_its_link(engine, demo):
    new = _link(engine, demo)

    assert len(new.token) >= 43 and new.path == f"/?review={new.token}"
    with session_scope(engine) as s:
        stored = s.exec(select(ReviewLink)).one()
        assert stored.token_sha256 == links.hash_token(new.token) != new.token
        assert new.token not in repr(stored.model_dump())
        access = links.check_review_link(s, token=new.token)
    assert (access.workshop_id, access.label, access.author) == (demo, "Li Wei, COO", "Li Wei, COO")


def test_two_links_never_share_a_token(engine, demo):
    assert _link(engine, demo).token != _link(engine, demo).token


@pytest.mark.parametrize("token", ["", "nope", "x" * 500, None])
def test_an_unknown_token_is_refused(engine, demo, token):
    _link(engine, demo)
    with session_scope(engine) as s, pytest.raises(links.InvalidReviewLink):
        links.check_review_link(s, token=token)


def test_expiry_is_required_to_be_between_one_and_ninety_days_and_defaults_to_fourteen(engine, demo):
    new = _link(engine, demo)
    assert new.link.expires_at - new.link.created_at == timedelta(days=14)
    for days in (0, 91, -3):
        with session_scope(engine) as s, pytest.raises(ValidationFailed):
            links.create_review_link(s, workshop_id=demo, label="x", days=days)
    with session_scope(engine) as s, pytest.raises(ValidationFailed):
        links.create_review_link(s, workshop_id=demo, label="   ")


def test_an_expired_link_is_refused_and_listed_as_expired(engine, demo, monkeypatch):
    new = _link(engine, demo, days=1)
    later = links.now() + timedelta(days=1, seconds=1)
    monkeypatch.setattr(links, "now", lambda: later)

    with session_scope(engine) as s:
        with pytest.raises(links.InvalidReviewLink):
            links.review_chain(s, token=new.token)
        assert links.link_state(links.list_review_links(s, workshop_id=demo)[0]) is links.LinkState.EXPIRED


def test_a_revoked_link_is_refused_at_the_next_call_for_reads_and_writes(engine, demo):
    new = _link(engine, demo)
    with session_scope(engine) as s:
        assert links.review_chain(s, token=new.token).workshop.id == demo
        links.revoke_review_link(s, link_id=new.link.id)
    with session_scope(engine) as s:
        for call in (
            lambda: links.review_chain(s, token=new.token),
            lambda: links.record_review_open(s, token=new.token),
            lambda: review_comments.add_review_comment(s, token=new.token, target_type="workshop", text="hi"),
        ):
            with pytest.raises(links.InvalidReviewLink):
                call()
        assert links.link_state(links.list_review_links(s, workshop_id=demo)[0]) is links.LinkState.REVOKED


def test_opening_counts_and_remembers_when(engine, demo):
    new = _link(engine, demo)
    with session_scope(engine) as s:
        links.record_review_open(s, token=new.token)
        links.record_review_open(s, token=new.token)
    with session_scope(engine) as s:
        link = links.list_review_links(s, workshop_id=demo)[0]
    assert link.open_count == 2 and link.last_opened_at is not None


def test_reviewers_opening_one_link_at_the_same_moment_are_each_counted(engine, demo):
    """The count is raised in the UPDATE itself: no opening is lost to a concurrent one."""
    import threading

    new = _link(engine, demo)
    start, errors = threading.Barrier(8), []

    def open_once() -> None:
        start.wait()
        try:
            with session_scope(engine) as s:
                links.record_review_open(s, token=new.token)
        except Exception as error:  # any failure is the test's finding
            errors.append(error)

    threads = [threading.Thread(target=open_once) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with session_scope(engine) as s:
        link = links.list_review_links(s, workshop_id=demo)[0]
    assert errors == [] and link.open_count == 8


def test_the_reviewer_can_sign_with_another_name_within_the_input_rules(engine, demo):
    new = _link(engine, demo)
    with session_scope(engine) as s:
        assert links.set_review_author(s, token=new.token, author_name="  Wei Li ").author == "Wei Li"
        with pytest.raises(ValidationFailed):
            links.set_review_author(s, token=new.token, author_name="x" * 500)


# --- comments ---------------------------------------------------------------------------------


def test_comments_go_on_items_of_the_links_workshop_only(engine, demo):
    new = _link(engine, demo)
    with session_scope(engine) as s:
        other = create_workshop(s, title="Other")
        foreign = personas.create_persona(s, workshop_id=other.id, name="Stranger")
    chain = _chain(engine, demo)
    pain = chain.items_of(chain.canvases[0].id, ItemKind.PAIN)[0]
    with session_scope(engine) as s:
        c = review_comments.add_review_comment(
            s, token=new.token, target_type="canvas_item", target_id=pain.id, text="Is this the top pain? 是吗 🤔"
        )
        assert (c.author, c.workshop_id, c.resolved_at) == ("Li Wei, COO", demo, None)
        review_comments.add_review_comment(s, token=new.token, target_type="workshop", text="Good work")
        review_comments.add_review_comment(s, token=new.token, target_type="kpi", target_id=chain.kpis[0].id, text="k")
    with session_scope(engine) as s, pytest.raises(ValidationFailed):
        review_comments.add_review_comment(s, token=new.token, target_type="persona", target_id=foreign.id, text="x")
    with session_scope(engine) as s, pytest.raises(NotFound):
        review_comments.add_review_comment(s, token=new.token, target_type="touchpoint", target_id=10**9, text="x")
    for bad in ("", "   ", "x" * 2001):
        with session_scope(engine) as s, pytest.raises(ValidationFailed):
            review_comments.add_review_comment(s, token=new.token, target_type="workshop", text=bad)
    with session_scope(engine) as s, pytest.raises(ValidationFailed):
        review_comments.add_review_comment(s, token=new.token, target_type="evidence", target_id=1, text="x")
    assert len(_chain(engine, demo).comments) == 3


def test_the_facilitator_resolves_with_a_reply_the_reviewer_then_sees(engine, demo):
    new = _link(engine, demo)
    with session_scope(engine) as s:
        comment = review_comments.add_review_comment(s, token=new.token, target_type="workshop", text="Why 3 days?")
        review_comments.resolve_comment(s, comment_id=comment.id, reply="Because the SLA says so")
    with session_scope(engine) as s:
        seen = links.review_chain(s, token=new.token).comments[0]
    assert seen.resolved_at is not None and seen.reply == "Because the SLA says so"


# --- fingerprints and decisions ---------------------------------------------------------------


def test_the_fingerprint_is_stable_across_reloads_and_a_backup_round_trip(engine, demo):
    first, second = _chain(engine, demo), _chain(engine, demo)
    with session_scope(engine) as s:
        restored = restore_backup(s, data=export_json(first)).id
    copy = _chain(engine, restored)

    for a, b, c in zip(first.canvases, second.canvases, copy.canvases, strict=True):
        assert canvas_fingerprint(first, a.id) == canvas_fingerprint(second, b.id) == canvas_fingerprint(copy, c.id)
    assert len({canvas_fingerprint(first, c.id) for c in first.canvases}) == len(first.canvases)


def _source_note(c):
    canvas = c.canvases[0]
    for item in c.items_of(canvas.id):
        for ref in upstream_refs(c, Ref(RefKind.CANVAS_ITEM, item.id)):
            if ref.kind == RefKind.EMPATHY_NOTE:
                return next(n for n in c.notes if n.id == ref.id)
    raise AssertionError("the demo's first canvas traces back to no note")


def _source(c, kind):
    canvas = c.canvases[0]
    for item in c.items_of(canvas.id):
        for ref in upstream_refs(c, Ref(RefKind.CANVAS_ITEM, item.id)):
            if ref.kind == kind:
                return ref.id
    raise AssertionError(f"no {kind} upstream")


def _pain(c):
    return c.items_of(c.canvases[0].id, ItemKind.PAIN)[0]


EDITS = {
    "item text": lambda s, c: canvases.update_item(s, item_id=_pain(c).id, expected_version=_pain(c).version, text="X"),
    "item rank": lambda s, c: canvases.update_item(
        s, item_id=_pain(c).id, expected_version=_pain(c).version, rank=1 if _pain(c).rank != 1 else 2
    ),
    "new item": lambda s, c: canvases.add_item(s, canvas_id=c.canvases[0].id, kind="gain", text="New gain"),
    "deleted item": lambda s, c: canvases.delete_item(s, item_id=_pain(c).id),
    "fit unlinked": lambda s, c: canvases.unlink_fit(
        s, value_item_id=c.fit_links[0].value_item_id, customer_item_id=c.fit_links[0].customer_item_id
    ),
    "kpi target": lambda s, c: canvases.update_kpi(
        s, kpi_id=c.kpis_of(c.canvases[0].id)[0].id, expected_version=c.kpis_of(c.canvases[0].id)[0].version, target=99
    ),
    "kpi proves": lambda s, c: canvases.set_kpi_proves(s, kpi_id=c.kpis_of(c.canvases[0].id)[0].id, item_ids=[]),
    "value statement": lambda s, c: canvases.save_statement(
        s, canvas_id=c.canvases[0].id, expected_version=c.canvases[0].version, value_statement="Changed"
    ),
    "source touchpoint": lambda s, c: journeys.update_touchpoint(
        s,
        touchpoint_id=_source(c, RefKind.TOUCHPOINT),
        expected_version=next(t for t in c.touchpoints if t.id == _source(c, RefKind.TOUCHPOINT)).version,
        pain_point="A different pain",
    ),
    "source note": lambda s, c: empathy.update_note(
        s, note_id=_source_note(c).id, expected_version=_source_note(c).version, text="Reworded"
    ),
    "source persona": lambda s, c: personas.update_persona(
        s,
        persona_id=_source(c, RefKind.PERSONA),
        expected_version=next(p for p in c.personas if p.id == _source(c, RefKind.PERSONA)).version,
        role="Another role",
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_each_kind_of_edit_changes_the_fingerprint_and_outdates_an_approval(engine, demo, edit):
    new = _link(engine, demo)
    before = _chain(engine, demo)
    canvas_id = before.canvases[0].id
    with session_scope(engine) as s:
        review_decisions.record_review_decision(
            s,
            token=new.token,
            canvas_id=canvas_id,
            verdict="approve",
            seen_fingerprint=canvas_fingerprint(before, canvas_id),
        )
    approved = _chain(engine, demo)
    assert canvas_review(approved, approved.canvases[0]).state is ReviewState.APPROVED

    with session_scope(engine) as s:
        EDITS[edit](s, approved)

    after = _chain(engine, demo)
    assert canvas_fingerprint(after, canvas_id) != canvas_fingerprint(before, canvas_id)
    review = canvas_review(after, after.canvases[0])
    assert review.state is ReviewState.OUTDATED
    assert "outdated" in summary_words(after)


def test_edits_that_change_no_content_leave_the_fingerprint_alone(engine, demo):
    before = _chain(engine, demo)
    canvas_id = before.canvases[0].id
    note_elsewhere = next(n for n in before.notes if n.quadrant == Quadrant.SAYS)
    with session_scope(engine) as s:
        empathy.vote(s, note_id=_source_note(before).id, delta=1)  # votes are not what was reviewed
        canvases.update_canvas(s, canvas_id=canvas_id, expected_version=before.canvases[0].version, title="Renamed")
        pain = _pain(before)
        canvases.update_item(s, item_id=pain.id, expected_version=pain.version, text=pain.text)  # same text
        if not upstream_refs(before, Ref(RefKind.EMPATHY_NOTE, note_elsewhere.id)):
            empathy.update_note(s, note_id=note_elsewhere.id, expected_version=note_elsewhere.version, text="Other")
    assert canvas_fingerprint(_chain(engine, demo), canvas_id) == canvas_fingerprint(before, canvas_id)


def test_a_decision_on_content_the_reviewer_did_not_see_is_refused(engine, demo):
    new = _link(engine, demo)
    chain = _chain(engine, demo)
    with session_scope(engine) as s, pytest.raises(review_decisions.ChangedSinceSeen):
        review_decisions.record_review_decision(
            s, token=new.token, canvas_id=chain.canvases[0].id, verdict="approve", seen_fingerprint="0" * 64
        )


def test_a_decision_on_another_workshops_canvas_is_refused(engine, demo):
    with session_scope(engine) as s:
        other = create_demo_workshop(s).id
    new = _link(engine, demo)
    foreign = _chain(engine, other)
    with session_scope(engine) as s, pytest.raises(NotFound):
        review_decisions.record_review_decision(
            s,
            token=new.token,
            canvas_id=foreign.canvases[0].id,
            verdict="approve",
            seen_fingerprint=canvas_fingerprint(foreign, foreign.canvases[0].id),
        )


def test_states_and_the_text_for_the_deck(engine, demo):
    assert review_state_text(_chain(engine, demo), "en") is None
    new = _link(engine, demo, label="Li Wei")
    chain = _chain(engine, demo)
    first, second = chain.canvases[0], chain.canvases[1]
    with session_scope(engine) as s:
        review_decisions.record_review_decision(
            s,
            token=new.token,
            canvas_id=first.id,
            verdict="approve",
            seen_fingerprint=canvas_fingerprint(chain, first.id),
        )
        review_decisions.record_review_decision(
            s,
            token=new.token,
            canvas_id=second.id,
            verdict="request_changes",
            note="Needs a KPI",
            seen_fingerprint=canvas_fingerprint(chain, second.id),
        )
    after = _chain(engine, demo)
    text = review_state_text(after, "en")
    assert "approved by Li Wei" in text and "changes requested by Li Wei" in text
    assert "已批准" in review_state_text(after, "zh")
    assert summary_words(after) == "review: 1 approved, 1 changes requested"
    with session_scope(engine) as s, pytest.raises(ValidationFailed):
        review_decisions.record_review_decision(
            s,
            token=new.token,
            canvas_id=first.id,
            verdict="maybe",
            seen_fingerprint=canvas_fingerprint(after, first.id),
        )


# --- backup and report ------------------------------------------------------------------------


def test_comments_and_decisions_survive_a_backup_round_trip_and_the_approval_still_holds(engine, demo):
    import json

    from pmo_insight.domain.backup_check import BackupRejected
    from pmo_insight.domain.backup_format import backup_document
    from pmo_insight.export import ExportOptions, export

    new = _link(engine, demo, label="Li <b>Wei</b>")
    chain = _chain(engine, demo)
    canvas = chain.canvases[0]
    pain = _pain(chain)
    with session_scope(engine) as s:
        review_comments.add_review_comment(s, token=new.token, target_type="workshop", text="Overall fine 👍")
        on_pain = review_comments.add_review_comment(
            s, token=new.token, target_type="canvas_item", target_id=pain.id, text="Is this *really* top?"
        )
        review_comments.add_review_comment(s, token=new.token, target_type="canvas", target_id=canvas.id, text="OK")
        review_comments.resolve_comment(s, comment_id=on_pain.id, reply="Yes: 9 of 12 interviews")
        review_decisions.record_review_decision(
            s,
            token=new.token,
            canvas_id=canvas.id,
            verdict="approve",
            note="Go",
            seen_fingerprint=canvas_fingerprint(chain, canvas.id),
        )
    original = _chain(engine, demo)
    document = backup_document(original)
    assert len(document["review_comments"]) == 3 and len(document["review_decisions"]) == 1

    with session_scope(engine) as s:
        restored_id = restore_backup(s, data=export_json(original)).id
    restored = _chain(engine, restored_id)
    again = backup_document(restored)
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in document.items() if k != "exported_at"
    }
    assert canvas_review(restored, restored.canvases[0]).state is ReviewState.APPROVED

    report = export(restored, "md", ExportOptions(lang="en")).decode()
    assert "## Business review" in report and "approved by Li \\<b\\>Wei\\</b\\>" in report
    assert "Yes: 9 of 12 interviews" in report and "Is this \\*really\\* top?" in report
    # A 1.1 file written before the review layer has no review sections and still restores; a 1.2 file
    # must carry them (the one versioning mechanism: ``since_minor``).
    old_file = {k: v for k, v in json.loads(export_json(original)).items() if not k.startswith("review_")}
    with session_scope(engine) as s, pytest.raises(BackupRejected):
        restore_backup(s, data=json.dumps(old_file).encode())
    with session_scope(engine) as s:
        assert restore_backup(s, data=json.dumps({**old_file, "schema_minor": 1}).encode()).id


def test_a_backup_with_a_bad_comment_target_is_rejected_whole(engine, demo):
    import json

    from pmo_insight.domain.backup_check import BackupRejected

    new = _link(engine, demo)
    with session_scope(engine) as s:
        review_comments.add_review_comment(s, token=new.token, target_type="workshop", text="Hello")
    document = json.loads(export_json(_chain(engine, demo)))
    for bad in ({"target_type": "evidence", "target_id": 1}, {"target_type": "persona", "target_id": 999}):
        broken = {**document, "review_comments": [{**document["review_comments"][0], **bad}]}
        with session_scope(engine) as s, pytest.raises(BackupRejected):
            restore_backup(s, data=json.dumps(broken).encode())


def _approve_first_canvas(engine, workshop_id):
    """A reviewer approves the first canvas as shown; returns that canvas."""
    new = _link(engine, workshop_id)
    chain = _chain(engine, workshop_id)
    canvas = chain.canvases[0]
    with session_scope(engine) as s:
        review_decisions.record_review_decision(
            s, token=new.token, canvas_id=canvas.id, verdict="approve",
            seen_fingerprint=canvas_fingerprint(chain, canvas.id),
        )  # fmt: skip
    return canvas


def test_each_decision_keeps_a_snapshot_of_the_chain_the_reviewer_saw(engine, demo):
    from pmo_insight.iterate.snapshots import list_snapshots

    canvas = _approve_first_canvas(engine, demo)

    with session_scope(engine) as s:
        snapshots = list_snapshots(s, workshop_id=demo)
    assert [snap.label for snap in snapshots] == [f"approve: {canvas.title}"]
    assert snapshots[0].taken_by == "Li Wei, COO"


def test_the_decks_headline_slide_states_the_review(engine, demo):
    import io

    from pptx import Presentation

    from pmo_insight.export import ExportOptions, export

    _approve_first_canvas(engine, demo)

    deck = Presentation(io.BytesIO(export(_chain(engine, demo), "pptx", ExportOptions(lang="en"))))
    headline = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert "approved" in headline.lower()
