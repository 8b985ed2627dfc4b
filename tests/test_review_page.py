"""The reviewer's session under AppTest: one reading view, no edit widget, writes refused by the guard."""

from __future__ import annotations

import inspect

import pytest
from streamlit.testing.v1 import AppTest

from pmo_insight import web
from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.review.signin import HASH_ENV
from pmo_insight.roles import Role, allowed_writes
from pmo_insight.services import review_links
from pmo_insight.services.registry import write_services

#: Widget kinds a reviewer may see: pickers, the comment and decision boxes, buttons that send them.
ALLOWED_KEYS = ("review_", "lang")


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def widget_keys(at: AppTest) -> set[str]:
    """Keys of every interactive widget drawn (containers and forms carry keys too; they are skipped)."""
    widgets = ("button", "text_input", "text_area", "selectbox", "multiselect", "radio", "checkbox", "toggle",
               "number_input", "slider", "select_slider", "date_input", "time_input", "color_picker",
               "button_group", "chat_input", "form_submit_button", "download_button", "file_uploader")  # fmt: skip
    return {
        str(getattr(e, "key", None))
        for e in _walk(at._tree)
        if getattr(e, "type", None) in widgets or type(e).__name__.lower() in {w.replace("_", "") for w in widgets}
    }


@pytest.fixture
def review(app_db):
    workshop = app_db.run(create_demo_workshop)
    new = app_db.run(review_links.create_review_link, workshop_id=workshop.id, label="Li Wei, COO")
    return workshop.id, new.token, new.link.id


def _open(token: str | None, *, lang: str = "en") -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.session_state["lang"] = lang
    if token is not None:
        at.query_params["review"] = token
    at.run()
    assert not at.exception, at.exception
    return at


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "error", "success", "info",
                                  "warning") for e in getattr(at, kind)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def test_the_reviewer_reads_the_promise_first_and_has_no_edit_widget(review):
    workshop_id, token, _ = review
    at = _open(token)

    keys = widget_keys(at)
    assert keys and all(k.startswith(ALLOWED_KEYS) for k in keys), sorted(keys)
    assert {"review_approve", "review_request_changes", "review_decision_note", "review_author"} <= keys
    assert any(k.startswith("review_comment_text") for k in keys) and any(
        k.startswith("review_comment_send") for k in keys
    )
    assert "workshop_id" not in at.session_state  # no workshop picker for a reviewer
    assert [h.value for h in at.header][0].startswith("🎯") and "promises" in at.header[0].value
    assert at.session_state[web.ROLE_KEY] is Role.REVIEWER
    assert at.query_params["review"] == [token] or at.query_params["review"] == token


def test_the_reviewer_reads_in_chinese(review):
    at = _open(review[1], lang="zh")
    assert "价值承诺" in at.header[0].value


def test_the_reviewers_navigation_holds_the_reading_view_only(review):
    at = _open(review[1])
    for page in ("pages/canvas.py", "pages/home.py", "pages/share.py", "pages/journey.py"):
        with pytest.raises(ValueError, match=r"Known pages: \[[^,]*pages/review\.py'\]"):
            at.switch_page(page)


def test_the_guard_refuses_every_write_service_for_a_reviewer_before_any_transaction(monkeypatch):
    monkeypatch.setattr(web, "role", lambda: Role.REVIEWER)
    monkeypatch.setattr(web, "session_scope", lambda *_: pytest.fail("a transaction was opened"))
    monkeypatch.setattr(web, "engine", lambda: None)
    refused = 0
    for name, service in write_services().items():
        if name in allowed_writes(Role.REVIEWER):
            # What a reviewer may write always names the link, and the link names the workshop.
            assert "token" in inspect.signature(service).parameters, name
            assert "workshop_id" not in inspect.signature(service).parameters, name
            continue
        assert web.call(service) is None and web.attempt(service) is False, name
        refused += 1
    assert refused >= 50


def test_commenting_and_approving_from_the_reading_view(review, app_db):
    workshop_id, token, link_id = review
    at = _open(token)
    chain = app_db.run(load_chain, workshop_id=workshop_id)
    pain = chain.items_of(chain.canvases[0].id, ItemKind.PAIN)[0]

    at.selectbox(key="review_comment_target_canvases").set_value(("canvas_item", pain.id))
    at.text_area(key="review_comment_text_canvases").input("Is this the top pain? <script>x</script>")
    at.button(key="review_comment_send_canvases").click().run()
    assert not at.exception
    at.text_area(key="review_decision_note").input("Looks right")
    at.button(key="review_approve").click().run()
    assert not at.exception

    chain = app_db.run(load_chain, workshop_id=workshop_id)
    assert [(c.author, c.text, c.target_id) for c in chain.comments] == [
        ("Li Wei, COO", "Is this the top pain? <script>x</script>", pain.id)
    ]
    assert [(d.verdict.value, d.note, d.canvas_id) for d in chain.decisions] == [
        ("approve", "Looks right", chain.canvases[0].id)
    ]
    assert "approved by Li Wei, COO" in _text(at)
    assert at.text_area(key="review_comment_text_canvases").value == ""
    assert app_db.run(review_links.list_review_links, workshop_id=workshop_id)[0].open_count == 1


def test_an_invalid_or_revoked_link_shows_one_page_without_workshop_data(review, app_db):
    workshop_id, token, link_id = review
    title = app_db.run(load_chain, workshop_id=workshop_id).workshop.title.split(": ")[-1]
    at = _open("not-a-real-token")
    assert "does not work" in at.title[0].value and title not in _text(at)
    assert not [k for k in widget_keys(at) if k != "lang"]

    at = _open(token)
    assert title in _text(at)
    app_db.run(review_links.revoke_review_link, link_id=link_id)
    at.run()  # the reviewer's next interaction
    assert "does not work" in at.title[0].value and title not in _text(at)


def test_dropping_the_token_from_the_url_keeps_the_session_a_reviewer(review):
    at = _open(review[1])
    at.query_params.clear()
    at.run()
    assert at.session_state[web.ROLE_KEY] is Role.REVIEWER and "workshop_id" not in at.session_state


def test_with_sign_in_configured_a_session_without_token_sees_only_the_sign_in(review, monkeypatch):
    import hashlib

    monkeypatch.setenv(HASH_ENV, hashlib.sha256(b"correct horse").hexdigest())
    at = _open(None)
    assert "sign-in" in at.title[0].value.lower() and "workshop_id" not in at.session_state
    assert at.session_state[web.ROLE_KEY] is not Role.FACILITATOR

    at.text_input(key="signin_passphrase").input("wrong")
    at.button(key="FormSubmitter:signin_form-Sign in").click().run()
    assert at.error and "workshop_id" not in at.session_state

    at.text_input(key="signin_passphrase").input("correct horse")
    at.button(key="FormSubmitter:signin_form-Sign in").click().run()
    assert at.session_state[web.ROLE_KEY] is Role.FACILITATOR and at.session_state["workshop_id"] == review[0]


def test_the_facilitator_creates_a_link_shown_once_and_revokes_it(app_db):
    workshop = app_db.run(create_demo_workshop)
    at = _open(None)
    at.switch_page("pages/share.py").run()
    at.text_input(key="share_label").input("Zhang Wei")
    at.button(key="share_create_button").click().run()
    assert not at.exception
    shown = [c.value for c in at.code]
    assert len(shown) == 1 and "/?review=" in shown[0]
    token = shown[0].split("=")[-1]
    assert app_db.run(review_links.check_review_link, token=token).workshop_id == workshop.id

    at.button(key="share_revoke").click().run()
    with pytest.raises(review_links.InvalidReviewLink):
        app_db.run(review_links.check_review_link, token=token)
    assert not at.code  # the full link is never shown again


def test_a_workshop_deep_link_opens_that_workshop(app_db):
    first = app_db.run(create_demo_workshop)
    app_db.run(create_demo_workshop, lang="zh")
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["workshop"] = str(first.id)
    at.run()
    assert at.session_state["workshop_id"] == first.id


def test_an_empty_workshop_reads_without_error_and_says_there_is_nothing_to_approve(app_db):
    from pmo_insight.services.workshops import create_workshop

    workshop = app_db.run(create_workshop, title="Just started")
    token = app_db.run(review_links.create_review_link, workshop_id=workshop.id, label="Early reader").token
    at = _open(token)
    assert "nothing to approve" in _text(at)
    assert "review_approve" not in widget_keys(at)
