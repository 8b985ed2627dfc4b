"""The value statement a canvas supports, written from its items so it changes when they change.

The seed's point is that "we provide project-management services" becomes a promise with numbers:
for whom, which job, what we offer, which pains and gains it addresses, and the KPI that proves it.
The sentence is assembled from translated fragments (``canvas.statement.*``), so each language keeps
its own grammar; clauses with nothing behind them are left out rather than shown empty.
"""

from __future__ import annotations

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.i18n import t
from pmo_insight.models import CanvasItem, ItemKind, Kpi

#: How many items of each value-map area the sentence names: the highest ranked ones.
TOP_ITEMS = 2
TOP_KPIS = 3
#: Units written without a space after the number.
TIGHT_UNITS = {"%", "‰", "°", "天", "个", "人", "次", "分", "元", "万", "工作日", "人天"}


def _top(items: list[CanvasItem], limit: int) -> list[CanvasItem]:
    return sorted(items, key=lambda i: (-i.rank, i.position, i.id))[:limit]


def _mid_sentence(text: str, lang: str) -> str:
    """In English, "Win deals" becomes "win deals" mid-sentence; acronyms such as "HQ" stay."""
    text = " ".join(text.split()).rstrip(".。")
    first = text.split(" ", 1)[0] if text else ""
    if lang == "en" and first[:1].isupper() and (len(first) == 1 or first[1:].islower()):
        return text[0].lower() + text[1:]
    return text


def _headline(text: str) -> str:
    """A note's headline, the part before a colon ("Tiered approval: regions…"), keeps the sentence short."""
    for colon in (":", "："):
        head = text.split(colon, 1)[0].strip()
        if head and head != text.strip():
            return head
    return text


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    sep, last = t("canvas.statement.list_sep", lang), t("canvas.statement.list_and", lang)
    return sep.join(parts[:-1]) + last + parts[-1]


def number(value: float) -> str:
    return f"{value:g}"


def quantity(value: float | None, unit: str) -> str:
    if value is None:
        return "?"
    if not unit:
        return number(value)
    return f"{number(value)}{unit}" if unit in TIGHT_UNITS else f"{number(value)} {unit}"


def kpi_phrase(kpi: Kpi, lang: str) -> str:
    """ "resource utilisation from 68% to 85% by 2027-11-30": name, baseline, target, unit and due date."""
    name = _mid_sentence(kpi.name, lang)
    if kpi.baseline is not None and kpi.target is not None:
        key = "canvas.statement.kpi_up" if kpi.target >= kpi.baseline else "canvas.statement.kpi_down"
        baseline, target = quantity(kpi.baseline, kpi.unit), quantity(kpi.target, kpi.unit)
        phrase = t(key, lang, name=name, baseline=baseline, target=target)
    elif kpi.target is not None:
        phrase = t("canvas.statement.kpi_target", lang, name=name, target=quantity(kpi.target, kpi.unit))
    else:
        phrase = name
    if kpi.due_on is not None:
        phrase += t("canvas.statement.kpi_due", lang, due=kpi.due_on.isoformat())
    return phrase


def build_statement(chain: WorkshopChain, canvas_id: int, lang: str) -> str:
    """For [persona], who needs to [top job], our [products] [relievers] and [creators], measured by [KPIs]."""
    canvas = next(c for c in chain.canvases if c.id == canvas_id)
    persona = next(p for p in chain.personas if p.id == canvas.persona_id)

    def names(kind: ItemKind) -> str:
        top = _top(chain.items_of(canvas_id, kind), TOP_ITEMS)
        return _join([_mid_sentence(_headline(i.text), lang) for i in top], lang)

    who = persona.name
    if persona.role:
        who = t("canvas.statement.persona_role", lang, name=persona.name, role=persona.role)
    parts = [t("canvas.statement.for", lang, persona=who)]
    jobs = _top(chain.items_of(canvas_id, ItemKind.JOB), 1)
    if jobs:
        parts.append(t("canvas.statement.job", lang, job=_mid_sentence(jobs[0].text, lang)))
    products, relievers, creators = names(ItemKind.PRODUCT), names(ItemKind.RELIEVER), names(ItemKind.CREATOR)
    offer = [t("canvas.statement.offer", lang, products=products) if products else t("canvas.statement.we", lang)]
    effects = []
    if relievers:
        effects.append(t("canvas.statement.relieve", lang, relievers=relievers))
    if creators:
        effects.append(t("canvas.statement.create", lang, creators=creators))
    offer.append(t("canvas.statement.effects_and", lang).join(effects) if effects else t("canvas.statement.help", lang))
    parts.append("".join(offer))
    kpis = [kpi_phrase(k, lang) for k in chain.kpis_of(canvas_id)[:TOP_KPIS]]
    if kpis:
        parts.append(t("canvas.statement.measured", lang, kpis=t("canvas.statement.kpi_sep", lang).join(kpis)))
    else:
        parts.append(t("canvas.statement.no_kpi", lang))
    return "".join(parts) + t("canvas.statement.end", lang)
