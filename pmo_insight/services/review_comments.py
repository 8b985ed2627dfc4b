"""Comments on a workshop or one item of its chain: reviewers write them, the facilitator resolves."""

from __future__ import annotations

from sqlmodel import Session

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.models import RefKind, ValueCanvas
from pmo_insight.review.models import CommentCreate, CommentReply, CommentTarget, ReviewComment
from pmo_insight.roles import Role, allow
from pmo_insight.services._rows import get_or_raise, validate
from pmo_insight.services.links import workshop_of
from pmo_insight.services.review_links import now, valid_link


def _target_workshop(session: Session, target_type: CommentTarget, target_id: int | None) -> int | None:
    if target_type is CommentTarget.WORKSHOP:
        return None
    if target_id is None:
        raise ValidationFailed([FieldProblem("target_id", "error.required")])
    if target_type is CommentTarget.CANVAS:
        return get_or_raise(session, ValueCanvas, target_id).workshop_id
    return workshop_of(session, Ref(RefKind(target_type.value), target_id))


def add_review_comment(
    session: Session, *, token: str, target_type: str, target_id: int | None = None, text: str
) -> ReviewComment:
    """A reviewer's comment, signed with the link's name, on an item of the link's workshop only."""
    link = valid_link(session, token)
    try:
        kind = CommentTarget(target_type)
    except ValueError:
        raise ValidationFailed([FieldProblem("target_type", "error.invalid_choice")]) from None
    owner = _target_workshop(session, kind, target_id)
    if owner is not None and owner != link.workshop_id:
        raise ValidationFailed([FieldProblem("target_id", "error.other_workshop")])
    values = validate(CommentCreate, {"author": link.author_name or link.label, "text": text})
    comment = ReviewComment(
        workshop_id=link.workshop_id,
        link_id=link.id,
        target_type=kind,
        target_id=None if kind is CommentTarget.WORKSHOP else target_id,
        created_at=now(),
        **values,
    )
    session.add(comment)
    session.flush()
    return comment


def resolve_comment(session: Session, *, comment_id: int, reply: str = "") -> ReviewComment:
    """The facilitator closes a comment, optionally answering it; the reviewer sees both."""
    comment = get_or_raise(session, ReviewComment, comment_id)
    comment.reply = validate(CommentReply, {"reply": reply})["reply"]
    comment.resolved_at = now()
    comment.version += 1
    comment.updated_at = now()
    session.add(comment)
    session.flush()
    return comment


def reopen_comment(session: Session, *, comment_id: int) -> ReviewComment:
    comment = get_or_raise(session, ReviewComment, comment_id)
    comment.resolved_at = None
    comment.version += 1
    comment.updated_at = now()
    session.add(comment)
    session.flush()
    return comment


allow(Role.REVIEWER, add_review_comment)
