"""``review-link create/list/revoke`` and the review state in ``list``, as a PMO's script uses them."""

from __future__ import annotations

from sqlmodel import Session

from pmo_insight.cli import main
from pmo_insight.domain.fingerprint import canvas_fingerprint
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine
from pmo_insight.services import canvases, review_decisions


def _run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_create_prints_the_bare_path_last_list_and_revoke_follow(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    _, workshop_id = _run(capsys, "--db", db, "demo")
    workshop_id = workshop_id.strip()

    code, out = _run(capsys, "--db", db, "review-link", "create", workshop_id, "--label", "Li Wei, COO", "--days", "3")
    path = out.strip().splitlines()[-1]
    assert code == 0 and path.startswith("/?review=") and len(path) > len("/?review=") + 40

    code, out = _run(capsys, "--db", db, "review-link", "list", workshop_id)
    link_id, label, expires, state, opens = out.strip().split("\t")
    assert (code, label, state, opens) == (0, "Li Wei, COO", "active", "0") and expires[:4].isdigit()

    assert _run(capsys, "--db", db, "review-link", "revoke", link_id)[0] == 0
    assert _run(capsys, "--db", db, "review-link", "list", workshop_id)[1].split("\t")[3] == "revoked"
    assert main(["--db", db, "review-link", "create", workshop_id, "--label", "x", "--days", "91"]) == 2
    assert "at most 90" in capsys.readouterr().err


def test_list_shows_approved_changes_requested_and_outdated(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    workshop_id = int(_run(capsys, "--db", db, "demo")[1].strip())
    token = (
        _run(capsys, "--db", db, "review-link", "create", str(workshop_id), "--label", "Li")[1].split("=")[-1].strip()
    )
    assert "review: not reviewed" in _run(capsys, "--db", db, "list")[1]

    engine = make_engine(db)
    with Session(engine) as s:
        chain = load_chain(s, workshop_id=workshop_id)
        first, second = chain.canvases
        first_id = first.id
        for canvas, verdict in ((first, "approve"), (second, "request_changes")):
            review_decisions.record_review_decision(
                s,
                token=token,
                canvas_id=canvas.id,
                verdict=verdict,
                seen_fingerprint=canvas_fingerprint(chain, canvas.id),
            )
        s.commit()
    assert "review: 1 approved, 1 changes requested" in _run(capsys, "--db", db, "list")[1]

    with Session(engine) as s:
        pain = load_chain(s, workshop_id=workshop_id).items_of(first_id, ItemKind.PAIN)[0]
        canvases.update_item(s, item_id=pain.id, expected_version=pain.version, text="Reworded pain")
        s.commit()
    engine.dispose()
    assert "review: 1 changes requested, 1 outdated" in _run(capsys, "--db", db, "list")[1]
