"""The review in the Markdown report: each canvas's decision state and every comment with its answer."""

from __future__ import annotations

from collections.abc import Callable

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.i18n import t
from pmo_insight.review.state import STATE_ICONS, chain_review, describe, target_label


def review_lines(chain: WorkshopChain, lang: str, esc: Callable[[str], str]) -> list[str]:
    """Markdown lines (user text escaped with ``esc``); empty when nobody has reviewed anything."""
    reviews = [r for r in chain_review(chain) if r.decision is not None]
    if not reviews and not chain.comments:
        return []
    lines = [f"## {t('review.report.title', lang)}", ""]
    for review in chain_review(chain):
        line = f"- {STATE_ICONS[review.state]} **{esc(review.canvas.title)}**: {esc(describe(review, lang))}"
        if review.decision is not None and review.decision.note:
            line += f" — {esc(review.decision.note)}"
        lines.append(line)
    lines.append("")
    if chain.comments:
        lines += [f"### {t('review.report.comments', lang, count=len(chain.comments))}", ""]
        for c in sorted(chain.comments, key=lambda c: (c.created_at, c.id or 0)):
            when = c.created_at.strftime("%Y-%m-%d %H:%M")
            lines.append(f"- **{esc(c.author)}** ({when}) · {esc(target_label(chain, c))}: {esc(c.text)}")
            if c.resolved_at is not None:
                reply = f": {esc(c.reply)}" if c.reply else ""
                lines.append(f"  - ✅ {t('review.comment.resolved', lang)}{reply}")
        lines.append("")
    return lines
