"""A complete, linked demo workshop built from the seed article's worked examples.

A new user sees the whole insight chain filled in (persona -> empathy map -> journey -> value
proposition canvas, with evidence, fit, KPIs and trace links) without running a workshop first;
screens, exports and tests get realistic content. It is built only through the services, so it
passes the same validation as anything a user types.

The content is data: one language-neutral structure (keys, scores, dates, links, evidence) and one
text catalogue per language with the same keys, walked by a single builder. Numbers therefore
cannot drift between languages. A few items are deliberately left without evidence (shown as
assumptions) and one minor canvas pain is deliberately left unrelieved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from pmo_insight.domain.refs import Ref
from pmo_insight.models import EvidenceKind, FitStrength, ItemKind, Quadrant, RefKind, StakeholderType, Workshop
from pmo_insight.services import canvases, empathy, journeys, links, personas, workshops
from pmo_insight.services import evidence as evidence_service

__all__ = ["DEMO_LANGUAGES", "create_demo_workshop"]

#: Languages the demo is written in.
DEMO_LANGUAGES = ("en", "zh")

HELD_ON = date(2026, 11, 16)
#: The seed: review and iterate the tools every half year.
NEXT_REVIEW_ON = date(2027, 5, 16)

FULL, PARTIAL = FitStrength.FULL, FitStrength.PARTIAL
Texts = dict[str, dict[str, Any]]


# --- the language-neutral structure ----------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """One row to create: its key in the text catalogues, its language-neutral fields, its evidence."""

    key: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Kpi(_Item):
    proves: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Map:
    key: str
    persona: str
    notes: tuple[_Item, ...]


@dataclass(frozen=True)
class _Stage:
    key: str
    touchpoints: tuple[_Item, ...]


@dataclass(frozen=True)
class _Journey:
    key: str
    persona: str
    stages: tuple[_Stage, ...]


@dataclass(frozen=True)
class _Canvas:
    key: str
    persona: str
    journey: str
    items: tuple[_Item, ...]
    #: (reliever or creator, pain or gain, strength)
    fits: tuple[tuple[str, str, FitStrength], ...]
    kpis: tuple[_Kpi, ...]


def _note(key: str, quadrant: Quadrant, votes: int, *evidence: str) -> _Item:
    return _Item(key, {"quadrant": quadrant, "votes": votes}, evidence)


def _touchpoint(
    key: str, emotion: tuple[int, int], impact: int, effort: int, *evidence: str, key_pain: bool = False
) -> _Item:
    now, target = emotion
    fields = {
        "emotion_now": now,
        "emotion_target": target,
        "impact": impact,
        "effort": effort,
        "is_key_pain": key_pain,
    }
    return _Item(key, fields, evidence)


def _canvas_item(key: str, kind: ItemKind, rank: int, *evidence: str) -> _Item:
    return _Item(key, {"kind": kind, "rank": rank}, evidence)


def _kpi(key: str, baseline: float, target: float, due_on: date, *, proves: tuple[str, ...], evidence: str) -> _Kpi:
    return _Kpi(key, {"baseline": baseline, "target": target, "due_on": due_on}, (evidence,), proves)


# Evidence keys.
_PM_INTERVIEWS = "ev.pm_interviews"
_PM_SURVEY = "ev.pm_survey"
_RESOURCE_DATA = "ev.resource_data"
_EXEC_INTERVIEWS = "ev.exec_interviews"
_SHADOWING = "ev.region_shadowing"
_POLICY = "ev.governance_policy"
_TRAINING_RECORDS = "ev.training_records"

_WORKSHOP = _Item("workshop", {"held_on": HELD_ON, "next_review_on": NEXT_REVIEW_ON})

_PARTICIPANTS = tuple(_Item(f"participant.{who}") for who in ("chen", "wang", "zhao", "liu", "sun", "zhou"))

_EVIDENCE = (
    _Item(_PM_INTERVIEWS, {"kind": EvidenceKind.INTERVIEW, "collected_on": date(2026, 9, 22), "sample_size": 12}),
    _Item(_PM_SURVEY, {"kind": EvidenceKind.SURVEY, "collected_on": date(2026, 10, 10), "sample_size": 146}),
    _Item(_RESOURCE_DATA, {"kind": EvidenceKind.SYSTEM_DATA, "collected_on": date(2026, 10, 15), "sample_size": 318}),
    _Item(_EXEC_INTERVIEWS, {"kind": EvidenceKind.INTERVIEW, "collected_on": date(2026, 10, 8), "sample_size": 3}),
    _Item(_SHADOWING, {"kind": EvidenceKind.OBSERVATION, "collected_on": date(2026, 10, 20), "sample_size": 5}),
    _Item(_POLICY, {"kind": EvidenceKind.DOCUMENT, "collected_on": date(2026, 9, 30)}),
    _Item(
        _TRAINING_RECORDS, {"kind": EvidenceKind.SYSTEM_DATA, "collected_on": date(2026, 10, 12), "sample_size": 212}
    ),
)


def _persona(key: str, kind: StakeholderType, avatar: str, influence: int, interest: int, *evidence: str) -> _Item:
    fields = {"stakeholder_type": kind, "avatar": avatar, "influence": influence, "interest": interest}
    return _Item(key, fields, evidence)


_PERSONAS = (
    _persona("persona.xiaoli", StakeholderType.PROJECT_MANAGER, "👨‍💻", 2, 5, _PM_INTERVIEWS, _PM_SURVEY),
    _persona("persona.exec", StakeholderType.EXECUTIVE, "👔", 5, 3, _EXEC_INTERVIEWS, _RESOURCE_DATA),
    _persona("persona.region", StakeholderType.BUSINESS_LEAD, "🧭", 4, 4, _SHADOWING, _RESOURCE_DATA),
    _persona("persona.newpm", StakeholderType.PROJECT_MANAGER, "🌱", 1, 4, _PM_SURVEY, _TRAINING_RECORDS),
)

SAYS, THINKS, DOES, FEELS, PAINS, GAINS = (
    Quadrant.SAYS,
    Quadrant.THINKS,
    Quadrant.DOES,
    Quadrant.FEELS,
    Quadrant.PAINS,
    Quadrant.GAINS,
)

_MAPS = (
    _Map(
        "map.exec",
        "persona.exec",
        (
            _note("exec.says.cost", SAYS, 7, _EXEC_INTERVIEWS),
            _note("exec.says.bureaucracy", SAYS, 5, _EXEC_INTERVIEWS),
            _note("exec.says.cases", SAYS, 3, _EXEC_INTERVIEWS),
            _note("exec.says.risk", SAYS, 6, _EXEC_INTERVIEWS),
            _note("exec.thinks.roi", THINKS, 6, _EXEC_INTERVIEWS),
            _note("exec.thinks.police", THINKS, 2, _EXEC_INTERVIEWS),
            _note("exec.thinks.invisible", THINKS, 5, _EXEC_INTERVIEWS, _RESOURCE_DATA),
            _note("exec.does.dashboard", DOES, 1, _EXEC_INTERVIEWS),
            _note("exec.does.calls", DOES, 4, _EXEC_INTERVIEWS),
            _note("exec.does.benchmark", DOES, 0, _EXEC_INTERVIEWS),
            _note("exec.does.cut", DOES, 3, _EXEC_INTERVIEWS),
            _note("exec.feels.surprised", FEELS, 5, _EXEC_INTERVIEWS),
            _note("exec.feels.sceptical", FEELS, 4, _EXEC_INTERVIEWS),
            _note("exec.feels.pressure", FEELS, 3, _EXEC_INTERVIEWS),
            _note("exec.pains.cost", PAINS, 6, _EXEC_INTERVIEWS),
            _note("exec.pains.bureaucracy", PAINS, 5, _EXEC_INTERVIEWS, _POLICY),
            _note("exec.pains.risk", PAINS, 7, _EXEC_INTERVIEWS, _RESOURCE_DATA),
            _note("exec.gains.model", GAINS, 7, _EXEC_INTERVIEWS),
            _note("exec.gains.cases", GAINS, 4, _EXEC_INTERVIEWS),
            _note("exec.gains.roi", GAINS, 5, _EXEC_INTERVIEWS),
        ),
    ),
    _Map(
        "map.region",
        "persona.region",
        (
            _note("region.says.best", SAYS, 6, _SHADOWING),
            _note("region.says.where", SAYS, 5, _SHADOWING),
            _note("region.says.answer", SAYS, 2, _SHADOWING),
            _note("region.thinks.closed", THINKS, 5, _SHADOWING),
            _note("region.thinks.overask", THINKS, 3, _SHADOWING, _RESOURCE_DATA),
            _note("region.thinks.blame", THINKS, 1, _SHADOWING),
            _note("region.does.phone", DOES, 4, _SHADOWING),
            _note("region.does.overask", DOES, 2, _RESOURCE_DATA),
            _note("region.does.contractors", DOES, 0, _SHADOWING),
            _note("region.feels.anxious", FEELS, 7, _SHADOWING, _RESOURCE_DATA),
            _note("region.feels.secondclass", FEELS, 3, _SHADOWING),
            _note("region.feels.powerless", FEELS, 4, _SHADOWING),
            _note("region.pains.wait", PAINS, 6, _RESOURCE_DATA),
            _note("region.pains.status", PAINS, 5, _SHADOWING),
            _note("region.gains.rules", GAINS, 5, _SHADOWING),
            _note("region.gains.local", GAINS, 4, _SHADOWING),
        ),
    ),
    _Map(
        "map.xiaoli",
        "persona.xiaoli",
        (
            _note("xiaoli.says.testers", SAYS, 4, _PM_INTERVIEWS),
            _note("xiaoli.says.priority", SAYS, 5, _PM_INTERVIEWS),
            _note("xiaoli.says.template", SAYS, 2, _PM_INTERVIEWS),
            _note("xiaoli.thinks.view", THINKS, 6, _PM_INTERVIEWS),
            _note("xiaoli.thinks.reports", THINKS, 1, _PM_INTERVIEWS),
            _note("xiaoli.thinks.favour", THINKS, 3, _PM_INTERVIEWS),
            _note("xiaoli.does.wechat", DOES, 3, _PM_INTERVIEWS),
            _note("xiaoli.does.excel", DOES, 2, _PM_INTERVIEWS),
            _note("xiaoli.does.triple", DOES, 4, _PM_INTERVIEWS, _PM_SURVEY),
            _note("xiaoli.feels.exhausted", FEELS, 5, _PM_INTERVIEWS),
            _note("xiaoli.feels.blamed", FEELS, 3),  # assumption: nobody has checked this yet
            _note("xiaoli.feels.relieved", FEELS, 0, _PM_INTERVIEWS),
            _note("xiaoli.pains.day", PAINS, 6, _PM_INTERVIEWS),
            _note("xiaoli.pains.shift", PAINS, 5, _PM_INTERVIEWS),
            _note("xiaoli.gains.process", GAINS, 4, _PM_SURVEY),
            _note("xiaoli.gains.pool", GAINS, 7, _PM_INTERVIEWS),
        ),
    ),
    _Map(
        "map.newpm",
        "persona.newpm",
        (
            _note("newpm.says.when", SAYS, 3, _PM_SURVEY),
            _note("newpm.says.approval", SAYS, 4, _PM_SURVEY),
            _note("newpm.thinks.behind", THINKS, 5, _TRAINING_RECORDS),
            _note("newpm.thinks.bother", THINKS, 2, _PM_SURVEY),
            _note("newpm.does.templates", DOES, 3, _PM_SURVEY),
            _note("newpm.does.search", DOES, 1, _PM_SURVEY),
            _note("newpm.feels.nervous", FEELS, 4, _PM_SURVEY),
            _note("newpm.feels.stuck", FEELS, 6, _PM_SURVEY),
            _note("newpm.pains.wait", PAINS, 6, _PM_SURVEY, _POLICY),
            _note("newpm.gains.ready", GAINS, 5, _TRAINING_RECORDS),
        ),
    ),
)

_JOURNEYS = (
    _Journey(
        "journey.training",
        "persona.newpm",
        (
            _Stage(
                "training.aware",
                (
                    _touchpoint("train.hear", (1, 2), 4, 1, _PM_SURVEY),
                    _touchpoint("train.intranet", (-1, 2), 3, 2, _PM_SURVEY),
                ),
            ),
            _Stage(
                "training.consider",
                (
                    _touchpoint("train.outline", (0, 2), 3, 2, _TRAINING_RECORDS),
                    _touchpoint("train.manager", (-1, 1), 3, 3, _PM_SURVEY),
                ),
            ),
            _Stage(
                "training.signup",
                (
                    _touchpoint("train.form", (-2, 2), 4, 2, _PM_SURVEY, _POLICY),
                    # The seed's example: the cross-department approval at sign-up is the low point.
                    _touchpoint("train.approval", (-3, 2), 5, 3, _PM_SURVEY, _POLICY, key_pain=True),
                    _touchpoint("train.confirm", (1, 2), 2, 1, _PM_SURVEY),
                ),
            ),
            _Stage(
                "training.attend",
                (
                    _touchpoint("train.class", (1, 3), 4, 3, _TRAINING_RECORDS),
                    _touchpoint("train.templates", (-2, 2), 4, 4, _PM_SURVEY, key_pain=True),
                ),
            ),
            _Stage(
                "training.feedback",
                (
                    _touchpoint("train.survey", (-1, 1), 2, 1, _TRAINING_RECORDS),
                    _touchpoint("train.followup", (-2, 2), 5, 4, _PM_SURVEY, key_pain=True),
                ),
            ),
        ),
    ),
    _Journey(
        "journey.region",
        "persona.region",
        (
            _Stage(
                "region.identify",
                (
                    _touchpoint("region.win", (1, 2), 5, 4, _SHADOWING),
                    _touchpoint("region.estimate", (0, 1), 3, 2, _SHADOWING),
                ),
            ),
            _Stage(
                "region.request",
                (
                    _touchpoint("region.submit", (-1, 1), 3, 2, _SHADOWING, _POLICY),
                    _touchpoint("region.chase", (-2, 1), 4, 2, _SHADOWING, key_pain=True),
                ),
            ),
            _Stage(
                "region.approve",
                (
                    _touchpoint("region.approval", (-3, 2), 5, 4, _RESOURCE_DATA, _SHADOWING, key_pain=True),
                    _touchpoint("region.partial", (-2, 1), 4, 2, _SHADOWING, key_pain=True),
                ),
            ),
            _Stage("region.allocate", (_touchpoint("region.onboard", (-1, 2), 4, 3, _SHADOWING),)),
            _Stage("region.review", (_touchpoint("region.retro", (0, 1), 3, 2),)),  # assumption: no evidence yet
        ),
    ),
)

JOB, PAIN, GAIN = ItemKind.JOB, ItemKind.PAIN, ItemKind.GAIN
PRODUCT, RELIEVER, CREATOR = ItemKind.PRODUCT, ItemKind.RELIEVER, ItemKind.CREATOR

_CANVASES = (
    _Canvas(
        "canvas.region",
        "persona.region",
        "journey.region",
        (
            _canvas_item("a.job.win", JOB, 5, _SHADOWING),
            _canvas_item("a.job.staff", JOB, 5, _SHADOWING),
            _canvas_item("a.job.report", JOB, 2, _SHADOWING),
            _canvas_item("a.pain.anxiety", PAIN, 5, _SHADOWING, _RESOURCE_DATA),
            _canvas_item("a.pain.slow", PAIN, 5, _RESOURCE_DATA, _SHADOWING),
            _canvas_item("a.pain.window", PAIN, 4, _SHADOWING),
            _canvas_item("a.pain.autonomy", PAIN, 3),  # assumption: nobody has checked this yet
            _canvas_item("a.pain.reporting", PAIN, 2, _POLICY),  # minor, deliberately left unrelieved
            _canvas_item("a.gain.predictable", GAIN, 5, _SHADOWING),
            _canvas_item("a.gain.fast", GAIN, 4, _RESOURCE_DATA),
            _canvas_item("a.gain.visibility", GAIN, 4, _SHADOWING),
            _canvas_item("a.product.governance", PRODUCT, 5),
            _canvas_item("a.product.system", PRODUCT, 5),
            _canvas_item("a.product.committee", PRODUCT, 3),
            _canvas_item("a.reliever.rules", RELIEVER, 5),
            _canvas_item("a.reliever.tiers", RELIEVER, 5),
            _canvas_item("a.reliever.tracking", RELIEVER, 4),
            _canvas_item("a.reliever.reserve", RELIEVER, 3),
            _canvas_item("a.creator.pool", CREATOR, 4),
            _canvas_item("a.creator.matching", CREATOR, 5),
            _canvas_item("a.creator.review", CREATOR, 3),
        ),
        (
            ("a.reliever.rules", "a.pain.anxiety", FULL),
            ("a.reliever.tiers", "a.pain.slow", FULL),
            ("a.reliever.tiers", "a.pain.autonomy", PARTIAL),
            ("a.reliever.tracking", "a.pain.slow", PARTIAL),
            ("a.reliever.tracking", "a.pain.anxiety", PARTIAL),
            ("a.reliever.reserve", "a.pain.window", FULL),
            ("a.creator.pool", "a.gain.visibility", FULL),
            ("a.creator.matching", "a.gain.fast", FULL),
            ("a.creator.matching", "a.gain.predictable", PARTIAL),
            ("a.creator.review", "a.gain.predictable", FULL),
        ),
        (
            _kpi(
                "a.kpi.utilisation",
                68,
                85,
                date(2027, 11, 30),
                proves=("a.reliever.tiers", "a.reliever.rules", "a.creator.matching"),
                evidence=_RESOURCE_DATA,
            ),
            _kpi(
                "a.kpi.delay",
                30,
                24,  # 20% shorter than the baseline
                date(2027, 11, 30),
                proves=("a.reliever.tiers", "a.reliever.reserve"),
                evidence=_RESOURCE_DATA,
            ),
            _kpi(
                "a.kpi.approval",
                11,
                3,
                NEXT_REVIEW_ON,
                proves=("a.reliever.tiers", "a.reliever.tracking"),
                evidence=_RESOURCE_DATA,
            ),
        ),
    ),
    _Canvas(
        "canvas.training",
        "persona.newpm",
        "journey.training",
        (
            _canvas_item("b.job.learn", JOB, 5, _TRAINING_RECORDS),
            _canvas_item("b.job.deliver", JOB, 5, _PM_SURVEY),
            _canvas_item("b.pain.approval", PAIN, 5, _PM_SURVEY, _POLICY),
            _canvas_item("b.pain.theory", PAIN, 3, _TRAINING_RECORDS),
            _canvas_item("b.pain.alone", PAIN, 4, _PM_SURVEY),
            _canvas_item("b.gain.templates", GAIN, 4, _PM_SURVEY),
            _canvas_item("b.gain.mentor", GAIN, 4, _PM_SURVEY),
            _canvas_item("b.product.course", PRODUCT, 5),
            _canvas_item("b.product.library", PRODUCT, 3),
            _canvas_item("b.product.mentoring", PRODUCT, 4),
            _canvas_item("b.reliever.signup", RELIEVER, 5),
            _canvas_item("b.reliever.cases", RELIEVER, 3),
            _canvas_item("b.reliever.clinic", RELIEVER, 4),
            _canvas_item("b.creator.templates", CREATOR, 4),
            _canvas_item("b.creator.mentor", CREATOR, 4),
        ),
        (
            ("b.reliever.signup", "b.pain.approval", FULL),
            ("b.reliever.cases", "b.pain.theory", FULL),
            ("b.reliever.clinic", "b.pain.alone", FULL),
            ("b.creator.templates", "b.gain.templates", FULL),
            ("b.creator.mentor", "b.gain.mentor", PARTIAL),
        ),
        (
            _kpi(
                "b.kpi.leadtime",
                9,
                2,
                date(2027, 3, 31),
                proves=("b.reliever.signup",),
                evidence=_PM_SURVEY,
            ),
            _kpi(
                "b.kpi.ready",
                35,
                90,
                date(2027, 11, 30),
                proves=("b.reliever.signup", "b.reliever.clinic"),
                evidence=_TRAINING_RECORDS,
            ),
        ),
    ),
)

#: Where items came from: persona -> note -> touchpoint -> canvas item.
_TRACES = (
    ("persona.region", "region.feels.anxious"),
    ("region.feels.anxious", "region.approval"),
    ("region.pains.wait", "region.approval"),
    ("region.does.phone", "region.chase"),
    ("region.pains.status", "region.chase"),
    ("region.approval", "a.pain.anxiety"),
    ("region.approval", "a.pain.slow"),
    ("region.chase", "a.pain.slow"),
    ("region.partial", "a.pain.anxiety"),
    ("region.win", "a.gain.visibility"),
    ("region.onboard", "a.pain.window"),
    ("persona.exec", "exec.pains.risk"),
    ("persona.xiaoli", "xiaoli.gains.pool"),
    ("persona.newpm", "newpm.feels.stuck"),
    ("newpm.feels.stuck", "train.approval"),
    ("newpm.pains.wait", "train.approval"),
    ("train.approval", "b.pain.approval"),
    ("train.form", "b.pain.approval"),
    ("train.class", "b.pain.theory"),
    ("train.templates", "b.gain.templates"),
    ("train.followup", "b.pain.alone"),
)


# --- the text catalogues -------------------------------------------------------------------


def _note_text(text: str, by: tuple[str, str] = ("", "")) -> dict[str, str]:
    """A sticky note's text and, optionally, who wrote it: (name, department)."""
    return {"text": text, "author": by[0], "department": by[1]}


def _text(text: str) -> dict[str, str]:
    return {"text": text}


def _english() -> Texts:
    chen, wang, zhao, liu, sun, zhou = (
        ("Chen Jing", "PMO"),
        ("Wang Lei", "Business (Sales & Marketing)"),
        ("Zhao Min", "IT"),
        ("Liu Yang", "Finance"),
        ("Sun Hao", "South China regional office"),
        ("Zhou Ting", "HR (Training)"),
    )
    people = {"chen": chen, "wang": wang, "zhao": zhao, "liu": liu, "sun": sun, "zhou": zhou}
    return {
        "workshop": {
            "title": "PMO customer insight: from admin support to strategic core",
            "organisation": "Hengtai Smart Equipment Group",
            "goal": (
                "Understand what executives, regional business directors and project managers really expect "
                "from the PMO, focus on the 3-5 key pain points, and turn the insight into a value proposition "
                "with measurable KPIs."
            ),
            "facilitator": "Chen Jing (PMO lead)",
        },
        **{f"participant.{key}": {"name": name, "department": dept} for key, (name, dept) in people.items()},
        # --- evidence
        _PM_INTERVIEWS: {
            "source": "Interviews with R&D and delivery project managers",
            "summary": (
                "10 of 12 spend more than a day a week chasing people from other departments; 9 of 12 say "
                "priorities change without notice; weekly status reporting takes 3-4 hours, mostly re-typing "
                "the same facts for different audiences."
            ),
        },
        _PM_SURVEY: {
            "source": "Project manager survey, Q3 2026",
            "summary": (
                "Satisfaction with PMO training sign-up is 2.1 out of 5; 63% name the cross-department approval "
                "as the worst step; sign-up takes 9 working days on average; 71% want a mentor for their first "
                "project."
            ),
        },
        _RESOURCE_DATA: {
            "source": "Resource planning system export, FY2025-26",
            "summary": (
                "Across 318 projects: average resource utilisation 68%, average project delay 30 days; "
                "cross-region resource requests take 11 working days to approve and 40% are sent back at "
                "least once."
            ),
        },
        _EXEC_INTERVIEWS: {
            "source": "Executive interviews (CEO, COO, CFO)",
            "summary": (
                "All three ask what a PMO would cost and when it pays back; the COO wants early warning of "
                "at-risk projects, not more reports; the CFO recalls a process initiative that added paperwork "
                "and was cut after six months."
            ),
        },
        _SHADOWING: {
            "source": "Two days shadowing the South China regional office",
            "summary": (
                "Followed 5 cross-region resource requests end to end: each passed 4-6 approvers, none showed "
                "its status online, and the director phoned HQ three times per request to find out where it "
                "stood."
            ),
        },
        _POLICY: {
            "source": "Project governance policy v3.2 and approval matrix",
            "summary": (
                "Every project and request, whatever its size, follows the same six-step approval; training "
                "sign-up needs line-manager and HR approval plus a cost-centre sign-off from Finance, in "
                "sequence."
            ),
        },
        _TRAINING_RECORDS: {
            "source": "Learning platform records, 2025-26",
            "summary": (
                "Of 212 new project managers only 35% finished the fundamentals course before their first "
                "project kickoff; course ratings average 3.4 out of 5, and 'too theoretical' is the most "
                "common comment."
            ),
        },
        # --- personas
        "persona.xiaoli": {
            "name": "Xiao Li",
            "role": "Project manager, software development team (R&D centre)",
            "background": (
                "32, six years in software development, three as a project manager. Runs two or three projects "
                "at once with eight developers; testers and UI designers are borrowed from other departments."
            ),
            "goals": [
                "Ship releases on time and at quality",
                "Become a programme manager within three years",
                "Keep the team stable and overtime low",
            ],
            "needs": [
                "A standard cross-department communication process",
                "A visual resource pool showing who is available",
                "Clear project priorities from management",
                "Lighter status reporting",
            ],
            "pain_points": [
                "Cross-department resource coordination eats his week",
                "Priorities are unclear and change often",
                "Status reporting overhead: the same facts written three times",
                "Borrowed people are pulled away without notice",
            ],
            "motivations": ["Recognition for his work", "Seeing the team deliver", "Career growth"],
            "behaviours": [
                "Chases department heads one by one on WeChat and by phone",
                "Keeps his own Excel resource tracker",
                "Escalates only once a milestone has slipped",
                "Skips PMO templates he sees as paperwork",
            ],
            "quote": "I spend more time negotiating for people than managing the project.",
        },
        "persona.exec": {
            "name": "Zhang Wei",
            "role": "Chief Operating Officer (COO)",
            "background": (
                "Joined two years ago to drive the group's digital transformation. Oversees more than 40 "
                "strategic projects across four regions and reports to the board every quarter. Is deciding "
                "whether to set up a group-level PMO."
            ),
            "goals": [
                "Land the three-year strategic plan on time",
                "See portfolio risk early",
                "Keep overhead costs under control",
            ],
            "needs": [
                "Early warning of at-risk projects",
                "Proof that a PMO pays back",
                "Lean governance that does not slow the business",
            ],
            "pain_points": [
                "Hears about troubled projects too late",
                "Every department reports progress differently",
                "Earlier process initiatives added paperwork without results",
            ],
            "motivations": ["The board's confidence", "A reputation for execution", "Visible results within a year"],
            "behaviours": [
                "Reads one-page dashboards, not long reports",
                "Decides on data and cases from peers",
                "Asks 'what will it cost and when does it pay back?' first",
            ],
            "quote": (
                "I don't need another department producing reports. I need to know which projects will fail "
                "before they fail."
            ),
        },
        "persona.region": {
            "name": "Huang Jun",
            "role": "Business director, South China region",
            "background": (
                "Runs the South China region: about 300 staff and a quarter of group revenue. Regional customer "
                "projects depend on specialists who sit at HQ or in other regions."
            ),
            "goals": ["Hit the regional revenue target", "Start customer projects quickly", "Keep key customers"],
            "needs": [
                "Transparent, predictable resource allocation",
                "Fast cross-region request and approval",
                "A say in group priorities",
            ],
            "pain_points": [
                "Anxious about how HQ allocates resources",
                "Cross-region request and approval is slow and opaque",
                "Loses customer windows while waiting for people",
                "Regional projects seem to lose out to HQ projects",
            ],
            "motivations": ["Winning in the regional market", "Fair treatment for the region", "Autonomy"],
            "behaviours": [
                "Phones HQ contacts to speed up approvals",
                "Asks for more people than needed, as a buffer",
                "Hires local contractors rather than wait",
            ],
            "quote": "By the time HQ approves the engineers, the customer has signed with someone else.",
        },
        "persona.newpm": {
            "name": "Xiao Chen",
            "role": "Newly appointed project manager, delivery department",
            "background": (
                "27, promoted from senior engineer three months ago. About to run his first customer project "
                "and has signed up for the PMO's project-management fundamentals course."
            ),
            "goals": [
                "Learn project-management basics before his first kickoff",
                "Deliver his first project successfully",
                "Earn the team's trust",
            ],
            "needs": [
                "Easy, fast sign-up",
                "Practical training tied to real projects",
                "Templates and a mentor afterwards",
            ],
            "pain_points": [
                "Sign-up needs a cross-department approval that takes weeks",
                "Course content is theory-heavy",
                "No follow-up after the course",
            ],
            "motivations": ["Proving himself in the new role", "Career growth", "Getting PMP certified"],
            "behaviours": [
                "Searches the intranet and asks colleagues first",
                "Learns by copying templates",
                "Hesitates to chase managers for approval",
            ],
            "quote": "I wanted to learn before my project started. The approval came through after kickoff.",
        },
        # --- empathy map: the executive
        "map.exec": {"scenario": "Deciding whether to introduce a PMO"},
        "exec.says.cost": _note_text("What will a PMO cost us, and when does it pay back?", liu),
        "exec.says.bureaucracy": _note_text("I don't want another layer of bureaucracy.", wang),
        "exec.says.cases": _note_text("Show me where this has worked in a company like ours."),
        "exec.says.risk": _note_text("I need to see risks before they hit the numbers.", chen),
        "exec.thinks.roi": _note_text("Can a PMO prove its value within a year?", liu),
        "exec.thinks.police": _note_text("Will project managers see the PMO as police rather than help?"),
        "exec.thinks.invisible": _note_text("Portfolio risk stays invisible until it is too late.", chen),
        "exec.does.dashboard": _note_text("Asks for one-page dashboards before board meetings"),
        "exec.does.calls": _note_text("Phones project owners directly when a milestone slips", wang),
        "exec.does.benchmark": _note_text("Asks peers at other manufacturers how they run projects"),
        "exec.does.cut": _note_text("Cut the last process initiative after six months", liu),
        "exec.feels.surprised": _note_text("Frustrated by surprises in quarterly reviews", chen),
        "exec.feels.sceptical": _note_text("Sceptical: earlier initiatives produced paperwork, not results"),
        "exec.feels.pressure": _note_text("Under pressure from the board to deliver the strategy"),
        "exec.pains.cost": _note_text("A PMO's cost is certain, its return is not", liu),
        "exec.pains.bureaucracy": _note_text("Risk that more governance slows the business down", wang),
        "exec.pains.risk": _note_text("No reliable view of portfolio risk", chen),
        "exec.gains.model": _note_text("A clear risk-prediction model that flags at-risk projects early", chen),
        "exec.gains.cases": _note_text("Success cases from inside the group or the industry"),
        "exec.gains.roi": _note_text("A measurable return within twelve months", liu),
        # --- empathy map: the regional director
        "map.region": {"scenario": "Requesting HQ resources for a regional customer project"},
        "region.says.best": _note_text("Why do HQ projects always get the best engineers?", sun),
        "region.says.where": _note_text("I sent the request two weeks ago. Where is it now?", sun),
        "region.says.answer": _note_text("Just give me a yes or a no, quickly."),
        "region.thinks.closed": _note_text("Allocation is decided behind closed doors.", sun),
        "region.thinks.overask": _note_text("If I ask for what I need I'll get less, so I ask for more."),
        "region.thinks.blame": _note_text("If the region misses its numbers, I'm the one who gets blamed."),
        "region.does.phone": _note_text("Phones HQ contacts to chase approvals", chen),
        "region.does.overask": _note_text("Requests more people than needed as a buffer", zhao),
        "region.does.contractors": _note_text("Hires local contractors rather than wait"),
        "region.feels.anxious": _note_text("Anxious about how HQ allocates resources", sun),
        "region.feels.secondclass": _note_text("Treated as second-class next to HQ projects"),
        "region.feels.powerless": _note_text("Powerless once the request is submitted", sun),
        "region.pains.wait": _note_text("Cross-region requests wait 11 working days for approval", zhao),
        "region.pains.status": _note_text("No way to see where a request is stuck", chen),
        "region.gains.rules": _note_text("Predictable allocation based on published rules"),
        "region.gains.local": _note_text("Decide small requests within the region", sun),
        # --- empathy map: Xiao Li
        "map.xiaoli": {"scenario": "Coordinating resources across departments for a release"},
        "xiaoli.says.testers": _note_text("Who can I get from testing next week?", zhao),
        "xiaoli.says.priority": _note_text("Which project comes first? Nobody will tell me.", zhao),
        "xiaoli.says.template": _note_text("Not another status-report template."),
        "xiaoli.thinks.view": _note_text("With a shared view of who is free, this would take minutes.", chen),
        "xiaoli.thinks.reports": _note_text("The PMO only cares about reports."),
        "xiaoli.thinks.favour": _note_text("Getting people depends on favours, not on a process.", zhao),
        "xiaoli.does.wechat": _note_text("Messages five department heads on WeChat every week"),
        "xiaoli.does.excel": _note_text("Keeps his own Excel resource tracker", zhao),
        "xiaoli.does.triple": _note_text("Writes the same status three times, in three formats", chen),
        "xiaoli.feels.exhausted": _note_text("Exhausted by constant negotiation"),
        "xiaoli.feels.blamed": _note_text("Worried he will be blamed for delays he cannot control", wang),
        "xiaoli.feels.relieved": _note_text("Relieved whenever a clear priority call comes down"),
        "xiaoli.pains.day": _note_text("More than a day a week spent chasing people", chen),
        "xiaoli.pains.shift": _note_text("Priorities shift without notice", zhao),
        "xiaoli.gains.process": _note_text("A standard cross-department request process"),
        "xiaoli.gains.pool": _note_text("A visual resource pool", chen),
        # --- empathy map: the new project manager
        "map.newpm": {"scenario": "Signing up for PMO training before the first project"},
        "newpm.says.when": _note_text("When is the next course, and is there a seat left?", zhou),
        "newpm.says.approval": _note_text("Whose approval do I need to sign up?"),
        "newpm.thinks.behind": _note_text("By the time it's approved, my project will have started.", zhou),
        "newpm.thinks.bother": _note_text("I don't want to bother my manager again."),
        "newpm.does.templates": _note_text("Asks colleagues for their old templates"),
        "newpm.does.search": _note_text("Searches the intranet for course dates", zhou),
        "newpm.feels.nervous": _note_text("Nervous about leading his first project"),
        "newpm.feels.stuck": _note_text("Stuck while his sign-up sits in the approval queue", zhou),
        "newpm.pains.wait": _note_text("Sign-up approval takes more than a week", liu),
        "newpm.gains.ready": _note_text("Trained and ready before kickoff"),
        # --- journey: new project manager attends PMO training
        "journey.training": {"scenario": "A new project manager attends PMO project-management training"},
        "training.aware": {"name": "Aware"},
        "training.consider": {"name": "Consider"},
        "training.signup": {"name": "Sign up"},
        "training.attend": {"name": "Attend"},
        "training.feedback": {"name": "Feedback"},
        "train.hear": {
            "name": "Hears about the course from a colleague",
            "channel": "Word of mouth",
            "action": "A colleague mentions the PMO fundamentals course over lunch.",
            "need": "Know that training for new project managers exists",
            "pain_point": "Finds out by chance, three months into the role",
            "opportunity": "Send every newly appointed project manager a welcome email with the training path",
            "owner": "PMO",
            "backstage": "HR shares the list of new appointments with the PMO each month",
        },
        "train.intranet": {
            "name": "Browses the PMO intranet page",
            "channel": "Intranet",
            "action": "Looks for course dates, content and how to enrol.",
            "need": "Find the next course date and whether seats are left",
            "pain_point": "The catalogue is out of date: no dates, no seat numbers",
            "opportunity": "Publish a live course calendar with seats left",
            "owner": "PMO with IT",
            "backstage": "The course schedule lives in the PMO coordinator's spreadsheet",
        },
        "train.outline": {
            "name": "Reads the course outline",
            "channel": "Course outline (PDF)",
            "action": "Checks whether the content fits his first project.",
            "need": "See how the course helps with a real delivery project",
            "pain_point": "The outline is theory-heavy and says nothing about delivery projects",
            "opportunity": "Show case-based modules and sample templates in the outline",
            "owner": "PMO training lead",
            "backstage": "The outline has not been revised since 2023",
        },
        "train.manager": {
            "name": "Asks his line manager for time away from delivery",
            "channel": "Face to face",
            "action": "Asks whether he may spend three days in training.",
            "need": "Permission without looking uncommitted",
            "pain_point": "His manager worries about three days away from the project",
            "opportunity": "Offer the course as half-day modules spread over three weeks",
            "owner": "PMO training lead",
            "backstage": "Project staff have no agreed training-time allowance",
        },
        "train.form": {
            "name": "Fills in the sign-up form",
            "channel": "OA system",
            "action": "Completes a form asking for cost centre, budget code and the approvers' names.",
            "need": "Sign up in a few minutes",
            "pain_point": "Asked for a budget code and approvers he does not know",
            "opportunity": "Pre-fill the form from HR data and drop the budget code",
            "owner": "PMO with IT",
            "backstage": "The form's fields were copied from the travel-expense form",
        },
        "train.approval": {
            "name": "Waits for the cross-department approval of his sign-up",
            "channel": "OA approval workflow",
            "action": "The request goes to his line manager, then HR training, then Finance for cost-centre sign-off.",
            "need": "Know quickly whether he has a seat",
            "pain_point": (
                "Three departments approve one after another: 9 working days on average, no visible status, "
                "and the course may be full by the time it is approved"
            ),
            "opportunity": "One-step online sign-up with a pre-approved training quota per department",
            "owner": "PMO with HR and Finance",
            "backstage": (
                "Finance checks the cost-centre budget for every single request; HR re-checks the eligibility "
                "the line manager has already confirmed"
            ),
        },
        "train.confirm": {
            "name": "Receives the confirmation",
            "channel": "Email",
            "action": "Gets a plain email saying he is enrolled.",
            "need": "Know where to go and what to prepare",
            "pain_point": "No venue, agenda or pre-reading in the email",
            "opportunity": "Send a calendar invite with agenda, venue and pre-reading",
            "owner": "PMO coordinator",
            "backstage": "The confirmation is a fixed OA notification",
        },
        "train.class": {
            "name": "Attends the classroom sessions",
            "channel": "Classroom",
            "action": "Three days of lectures and group exercises.",
            "need": "Methods he can use on Monday morning",
            "pain_point": "Generic examples; little about software or delivery projects",
            "opportunity": "Build case studies from the group's own projects",
            "owner": "PMO training lead",
            "backstage": "An external trainer reuses a standard course",
        },
        "train.templates": {
            "name": "Tries the course templates on his own project",
            "channel": "PMO template library",
            "action": "Uses the risk log and status-report templates on his first project.",
            "need": "Templates that fit his department's tools",
            "pain_point": "The templates don't match his department's project system, so he fills in both",
            "opportunity": "Align the templates with the project system: one set for everyone",
            "owner": "PMO with IT",
            "backstage": "Template library and project system are maintained by different teams",
        },
        "train.survey": {
            "name": "Fills in the course survey",
            "channel": "Online survey",
            "action": "Answers a 25-question survey at the end of the course.",
            "need": "Be heard without losing half an hour",
            "pain_point": "A long survey, and nobody reports back on what changed",
            "opportunity": "A three-question survey plus a quarterly 'you said, we did' note",
            "owner": "PMO coordinator",
            "backstage": "Survey results are filed but never analysed",
        },
        "train.followup": {
            "name": "Looks for help after the course",
            "channel": "PMO helpdesk",
            "action": "Emails the PMO with questions while planning his first project.",
            "need": "Someone experienced to ask while he applies the method",
            "pain_point": "No mentor and no follow-up; what he learned fades within weeks",
            "opportunity": "Pair each new project manager with a mentor for the first project; a monthly PM clinic",
            "owner": "PMO",
            "backstage": "The PMO has no capacity reserved for coaching",
        },
        # --- journey: the regional director's cross-region resource request
        "journey.region": {"scenario": "Requesting and getting approval for cross-region resources"},
        "region.identify": {"name": "Identify need"},
        "region.request": {"name": "Request"},
        "region.approve": {"name": "Approval"},
        "region.allocate": {"name": "Allocation"},
        "region.review": {"name": "Review"},
        "region.win": {
            "name": "Wins a customer project that needs HQ specialists",
            "channel": "Sales meeting",
            "action": "Signs a letter of intent that needs two automation specialists from HQ.",
            "need": "Know at once whether HQ can staff the project",
            "pain_point": "No idea who is available at HQ or in the other regions",
            "opportunity": "A visual resource pool showing available skills in every region",
            "owner": "PMO with IT",
            "backstage": "Availability lives in each department head's own spreadsheet",
        },
        "region.estimate": {
            "name": "Estimates the people and dates needed",
            "channel": "Excel",
            "action": "Works out roles, skills and dates with the project lead.",
            "need": "A shared language for roles and skills",
            "pain_point": "No standard skill catalogue, so estimates are guesses",
            "opportunity": "A standard role and skill catalogue",
            "owner": "PMO",
            "backstage": "Each HQ department names its roles differently",
        },
        "region.submit": {
            "name": "Submits a cross-region resource request",
            "channel": "OA workflow",
            "action": "Fills in a separate request form for each HQ department involved.",
            "need": "Ask once, in one place",
            "pain_point": "A different form for each HQ department",
            "opportunity": "One request form for all departments",
            "owner": "PMO with IT",
            "backstage": "Each department owns its own form",
        },
        "region.chase": {
            "name": "Chases the request by phone",
            "channel": "Phone and WeChat",
            "action": "Calls HQ contacts to find out where the request is.",
            "need": "See the status without calling anyone",
            "pain_point": "No status online; about three calls per request",
            "opportunity": "Live request status with a notification at each step",
            "owner": "PMO with IT",
            "backstage": "Approvers work from email; the OA workflow only shows 'in progress'",
        },
        "region.approval": {
            "name": "Waits for the cross-region approval",
            "channel": "HQ approval workflow",
            "action": "The request passes 4-6 approvers in sequence, up to the monthly HQ resource meeting.",
            "need": "A fast, fair decision on clear rules",
            "pain_point": (
                "11 working days on average, 40% sent back at least once, and the allocation criteria are not published"
            ),
            "opportunity": (
                "Tiered governance: regions approve small requests themselves, an HQ committee decides larger "
                "ones weekly on published rules"
            ),
            "owner": "PMO with the COO's office",
            "backstage": "The monthly HQ resource meeting decides on seniority and lobbying, not published priorities",
        },
        "region.partial": {
            "name": "Receives a partial allocation",
            "channel": "Email",
            "action": "Gets one specialist instead of two, and a junior one, with no reason given.",
            "need": "Understand the decision and plan around it",
            "pain_point": "Fewer or more junior people than requested, without explanation",
            "opportunity": "Explain each allocation against the published priorities",
            "owner": "PMO",
            "backstage": "Decisions are recorded only in meeting minutes the regions cannot see",
        },
        "region.onboard": {
            "name": "Onboards the HQ specialist",
            "channel": "Customer site",
            "action": "Introduces the specialist to the customer and the project team.",
            "need": "Keep the specialist for the committed dates",
            "pain_point": "The specialist arrives a week late and is recalled to an HQ project halfway through",
            "opportunity": "Protect allocations for the committed dates",
            "owner": "PMO with HQ department heads",
            "backstage": "HQ projects can recall people without consulting the region",
        },
        "region.retro": {
            "name": "Reviews delivery and resource use",
            "channel": "Quarterly business review",
            "action": "Goes through the project's results with HQ.",
            "need": "Learn from planned versus actual resource use",
            "pain_point": "Nobody compares planned and actual resource use",
            "opportunity": "A quarterly utilisation report for each region",
            "owner": "PMO with Finance",
            "backstage": "The utilisation data exists but is not shared with the regions",
        },
        # --- canvas: the regional director
        "canvas.region": {
            "title": "South China region: getting resources from HQ",
            "value_statement": (
                "With tiered governance and an intelligent resource-allocation system we raise your resource "
                "utilisation above 85% and cut average project delay by 20%."
            ),
        },
        "a.job.win": _text("Win and deliver customer projects in the region"),
        "a.job.staff": _text("Get the right specialists at the right time"),
        "a.job.report": _text("Report regional results to HQ"),
        "a.pain.anxiety": _text("Anxiety about how HQ allocates resources"),
        "a.pain.slow": _text("Cross-region request and approval is slow and opaque"),
        "a.pain.window": _text("Customer windows lost while waiting for people"),
        "a.pain.autonomy": _text("Fear of losing local autonomy under stricter HQ governance"),
        "a.pain.reporting": _text("Duplicate reporting: HQ templates differ from the region's own report"),
        "a.gain.predictable": _text("Predictable allocation based on published rules"),
        "a.gain.fast": _text("Decisions in days, not weeks"),
        "a.gain.visibility": _text("See the skills available across all regions"),
        "a.product.governance": _text("Tiered governance framework"),
        "a.product.system": _text("Intelligent resource-allocation system"),
        "a.product.committee": _text("Weekly resource-allocation committee"),
        "a.reliever.rules": _text("Published allocation rules and priority scoring"),
        "a.reliever.tiers": _text(
            "Tiered approval: regions approve requests under 20 person-days, the HQ committee decides larger "
            "ones within 5 days"
        ),
        "a.reliever.tracking": _text("Online requests with live status tracking"),
        "a.reliever.reserve": _text("A reserved pool for urgent customer windows"),
        "a.creator.pool": _text("A visual pool of the skills available across regions"),
        "a.creator.matching": _text("Intelligent matching of requests to available specialists"),
        "a.creator.review": _text("A quarterly allocation review with each region"),
        "a.kpi.utilisation": {"name": "Resource utilisation", "unit": "%"},
        "a.kpi.delay": {"name": "Average project delay (-20%)", "unit": "days"},
        "a.kpi.approval": {"name": "Cross-region approval lead time", "unit": "working days"},
        # --- canvas: the new project manager's training
        "canvas.training": {
            "title": "New project managers: PMO training",
            "value_statement": (
                "New project managers sign up in one step and are trained, with a mentor, before their first "
                "project starts."
            ),
        },
        "b.job.learn": _text("Learn project-management basics before the first kickoff"),
        "b.job.deliver": _text("Deliver the first project successfully"),
        "b.pain.approval": _text("Cross-department approval makes sign-up take weeks"),
        "b.pain.theory": _text("Theory-heavy content, far from real projects"),
        "b.pain.alone": _text("No follow-up once the course ends"),
        "b.gain.templates": _text("Ready-to-use templates that fit his project"),
        "b.gain.mentor": _text("An experienced mentor for the first project"),
        "b.product.course": _text("Project-management fundamentals course"),
        "b.product.library": _text("Template library"),
        "b.product.mentoring": _text("Mentoring programme"),
        "b.reliever.signup": _text("One-step online sign-up with a pre-approved training quota"),
        "b.reliever.cases": _text("Case studies from the group's own projects"),
        "b.reliever.clinic": _text("Mentor pairing and a monthly PM clinic"),
        "b.creator.templates": _text("Templates aligned with the project system"),
        "b.creator.mentor": _text("A mentor assigned at sign-up"),
        "b.kpi.leadtime": {"name": "Training sign-up lead time", "unit": "working days"},
        "b.kpi.ready": {"name": "New project managers trained before their first kickoff", "unit": "%"},
    }


def _chinese() -> Texts:
    chen, wang, zhao, liu, sun, zhou = (
        ("陈静", "PMO"),
        ("王磊", "业务部（销售与市场）"),
        ("赵敏", "信息技术部"),
        ("刘洋", "财务部"),
        ("孙浩", "华南区域公司"),
        ("周婷", "人力资源部（培训）"),
    )
    people = {"chen": chen, "wang": wang, "zhao": zhao, "liu": liu, "sun": sun, "zhou": zhou}
    return {
        "workshop": {
            "title": "PMO 客户洞察：从行政支持到战略核心",
            "organisation": "恒泰智能装备集团",
            "goal": (
                "理解高管、区域业务总监和项目经理对PMO的真实期望、核心痛点与潜在需求，"
                "聚焦3–5个关键痛点，并把洞察转化为带有可衡量KPI的价值主张。"
            ),
            "facilitator": "陈静（PMO负责人）",
        },
        **{f"participant.{key}": {"name": name, "department": dept} for key, (name, dept) in people.items()},
        # --- 证据
        _PM_INTERVIEWS: {
            "source": "研发与交付项目经理访谈",
            "summary": (
                "12人中有10人每周要花一天以上时间向其他部门协调人手；9人表示优先级经常在没有通知的情况下变化；"
                "每周状态汇报要花3–4小时，大部分是为不同对象重复填写相同的内容。"
            ),
        },
        _PM_SURVEY: {
            "source": "2026年第三季度项目经理问卷",
            "summary": (
                "PMO培训报名满意度仅2.1分（满分5分）；63%的受访者认为跨部门审批是最糟糕的环节；"
                "报名平均耗时9个工作日；71%希望在首个项目中配备导师。"
            ),
        },
        _RESOURCE_DATA: {
            "source": "资源计划系统数据导出（2025–26财年）",
            "summary": (
                "覆盖318个项目：平均资源利用率68%，项目平均延迟30天；"
                "跨区域资源申请平均审批11个工作日，40%至少被退回一次。"
            ),
        },
        _EXEC_INTERVIEWS: {
            "source": "高管访谈（CEO、COO、CFO）",
            "summary": (
                "三位高管都问到PMO的成本和回报周期；COO希望提前预警高风险项目，而不是收到更多报告；"
                "CFO提到上一次流程改进项目增加了大量文书工作，半年后就被叫停。"
            ),
        },
        _SHADOWING: {
            "source": "华南区域公司两天跟岗观察",
            "summary": (
                "全程跟踪5个跨区域资源申请：每个申请要经过4–6位审批人，均无法在线查看进度，"
                "区域总监平均每个申请要打3次电话到总部询问。"
            ),
        },
        _POLICY: {
            "source": "项目治理制度V3.2及审批矩阵",
            "summary": (
                "所有项目和申请无论大小都走同样的六级审批；"
                "培训报名需依次经过直属上级、人力资源部审批以及财务部成本中心确认。"
            ),
        },
        _TRAINING_RECORDS: {
            "source": "学习平台培训记录（2025–26年）",
            "summary": (
                "212名新任项目经理中，仅35%在首个项目启动前完成了基础课程；"
                "课程评分平均3.4分（满分5分），最常见的意见是“太理论化”。"
            ),
        },
        # --- 人物角色
        "persona.xiaoli": {
            "name": "小李",
            "role": "软件开发团队项目经理（研发中心）",
            "background": (
                "32岁，软件开发经验6年，担任项目经理3年。同时负责2–3个项目，带领8名开发人员；"
                "测试和UI设计人员需要从其他部门借调。"
            ),
            "goals": ["按时、保质交付版本", "三年内成长为项目集经理", "保持团队稳定、少加班"],
            "needs": [
                "标准化的跨部门沟通流程",
                "能看到谁有空的可视化资源池",
                "管理层明确的项目优先级",
                "更轻量的状态汇报",
            ],
            "pain_points": [
                "跨部门协调资源占用大量时间",
                "项目优先级不清晰且经常变化",
                "状态汇报负担重，同样的内容要写三遍",
                "借调人员被临时抽走，事先没有通知",
            ],
            "motivations": ["工作得到认可", "看到团队按时交付", "职业发展"],
            "behaviours": [
                "通过微信和电话逐个找部门负责人要人",
                "自己维护一张Excel资源表",
                "等里程碑延期了才升级问题",
                "跳过他认为只是文书工作的PMO模板",
            ],
            "quote": "我协调资源的时间，比管项目的时间还多。",
        },
        "persona.exec": {
            "name": "张伟",
            "role": "首席运营官（COO）",
            "background": (
                "两年前加入集团，主导数字化转型。负责四个区域40多个战略项目，每季度向董事会汇报。"
                "目前正在考虑是否设立集团级PMO。"
            ),
            "goals": ["按期落地三年战略规划", "及早看清项目组合风险", "控制管理成本"],
            "needs": ["高风险项目的提前预警", "PMO能带来回报的证据", "不拖慢业务的精简治理"],
            "pain_points": [
                "项目出问题时总是最后一个知道",
                "各部门汇报口径不一",
                "以往的流程改进只增加了文书工作，没有带来结果",
            ],
            "motivations": ["赢得董事会信任", "树立执行力口碑", "一年内看到成效"],
            "behaviours": [
                "只看一页纸的仪表盘，不看长报告",
                "依据数据和同行案例做决策",
                "第一个问题总是“要花多少钱、多久能回本”",
            ],
            "quote": "我不需要又一个出报告的部门，我需要在项目出问题之前就知道它会出问题。",
        },
        "persona.region": {
            "name": "黄俊",
            "role": "华南区域业务总监",
            "background": "负责华南区域，约300人，贡献集团四分之一的收入。区域客户项目依赖总部或其他区域的专家资源。",
            "goals": ["完成区域收入目标", "快速启动客户项目", "留住重点客户"],
            "needs": ["透明、可预期的资源分配", "快速的跨区域申请和审批", "在集团优先级决策中有发言权"],
            "pain_points": [
                "对总部资源分配感到焦虑",
                "跨区域申请和审批慢且不透明",
                "等人期间错失客户窗口期",
                "区域项目似乎总是排在总部项目之后",
            ],
            "motivations": ["在区域市场取胜", "区域得到公平对待", "经营区域的自主权"],
            "behaviours": ["打电话找总部熟人催审批", "多报人数留出缓冲", "宁可在本地找外包也不愿等待"],
            "quote": "等总部把工程师批下来，客户早就和别人签约了。",
        },
        "persona.newpm": {
            "name": "小陈",
            "role": "交付部新任项目经理",
            "background": (
                "27岁，三个月前从高级工程师晋升为项目经理。即将负责第一个客户项目，报名参加了PMO的项目管理基础培训。"
            ),
            "goals": ["在首个项目启动前掌握项目管理基础", "成功交付第一个项目", "赢得团队信任"],
            "needs": ["简单快捷的报名", "贴近真实项目的实用培训", "课后的模板和导师支持"],
            "pain_points": ["报名需要跨部门审批，耗时数周", "课程内容偏理论", "培训结束后没有跟进"],
            "motivations": ["在新岗位上证明自己", "职业发展", "考取PMP认证"],
            "behaviours": ["先在内网搜索、向同事打听", "通过模仿模板学习", "不好意思催领导审批"],
            "quote": "我想在项目启动前学完，结果审批下来时项目都已经开工了。",
        },
        # --- 同理心地图：高管
        "map.exec": {"scenario": "考虑是否引入PMO"},
        "exec.says.cost": _note_text("PMO要花多少钱？多久能收回成本？", liu),
        "exec.says.bureaucracy": _note_text("我不想再多一层官僚机构。", wang),
        "exec.says.cases": _note_text("给我看看和我们类似的公司里成功的例子。"),
        "exec.says.risk": _note_text("我要在风险影响业绩之前就看到它。", chen),
        "exec.thinks.roi": _note_text("PMO能在一年内证明自己的价值吗？", liu),
        "exec.thinks.police": _note_text("项目经理会不会把PMO当成“警察”而不是帮手？"),
        "exec.thinks.invisible": _note_text("项目组合的风险总是到最后一刻才暴露。", chen),
        "exec.does.dashboard": _note_text("董事会前只要一页纸的仪表盘"),
        "exec.does.calls": _note_text("里程碑一延期就直接打电话给项目负责人", wang),
        "exec.does.benchmark": _note_text("向其他制造企业的同行打听他们怎么管项目"),
        "exec.does.cut": _note_text("上一次流程改进项目半年后就被他叫停", liu),
        "exec.feels.surprised": _note_text("季度复盘时总有“意外”，很恼火", chen),
        "exec.feels.sceptical": _note_text("心存怀疑：以往的改进只带来文书工作，没有结果"),
        "exec.feels.pressure": _note_text("董事会要求落地战略，压力很大"),
        "exec.pains.cost": _note_text("PMO的成本是确定的，回报却不确定", liu),
        "exec.pains.bureaucracy": _note_text("管控加强后拖慢业务的风险", wang),
        "exec.pains.risk": _note_text("缺少可靠的项目组合风险视图", chen),
        "exec.gains.model": _note_text("清晰的风险预测模型，及早识别高风险项目", chen),
        "exec.gains.cases": _note_text("集团内部或行业内的成功应用案例"),
        "exec.gains.roi": _note_text("12个月内可衡量的回报", liu),
        # --- 同理心地图：区域业务总监
        "map.region": {"scenario": "为区域客户项目向总部申请资源"},
        "region.says.best": _note_text("为什么最好的工程师总是给了总部项目？", sun),
        "region.says.where": _note_text("申请两周前就提交了，现在到哪一步了？", sun),
        "region.says.answer": _note_text("行还是不行，尽快给我个准话。"),
        "region.thinks.closed": _note_text("资源分配都是关起门来决定的。", sun),
        "region.thinks.overask": _note_text("按实际需要申请只会被砍，所以得多报一些。"),
        "region.thinks.blame": _note_text("区域完不成指标，挨批的是我。"),
        "region.does.phone": _note_text("打电话找总部熟人催审批", chen),
        "region.does.overask": _note_text("多报人数留出缓冲", zhao),
        "region.does.contractors": _note_text("宁可在本地找外包也不愿等待"),
        "region.feels.anxious": _note_text("对总部的资源分配感到焦虑", sun),
        "region.feels.secondclass": _note_text("觉得区域项目比总部项目低一等"),
        "region.feels.powerless": _note_text("申请一提交，就只能干等", sun),
        "region.pains.wait": _note_text("跨区域申请平均要等11个工作日才能批下来", zhao),
        "region.pains.status": _note_text("看不到申请卡在哪一环", chen),
        "region.gains.rules": _note_text("基于公开规则、可预期的资源分配"),
        "region.gains.local": _note_text("小额申请在区域内就能决定", sun),
        # --- 同理心地图：小李
        "map.xiaoli": {"scenario": "为版本发布跨部门协调资源"},
        "xiaoli.says.testers": _note_text("下周测试部能给我派谁？", zhao),
        "xiaoli.says.priority": _note_text("到底哪个项目优先？没人给我个准话。", zhao),
        "xiaoli.says.template": _note_text("又来一个状态报告模板？"),
        "xiaoli.thinks.view": _note_text("要是能看到谁有空，几分钟就能搞定。", chen),
        "xiaoli.thinks.reports": _note_text("PMO只关心报告。"),
        "xiaoli.thinks.favour": _note_text("要到人靠的是人情，而不是流程。", zhao),
        "xiaoli.does.wechat": _note_text("每周在微信上挨个找五位部门负责人"),
        "xiaoli.does.excel": _note_text("自己维护一张Excel资源表", zhao),
        "xiaoli.does.triple": _note_text("同样的进展要用三种格式写三遍", chen),
        "xiaoli.feels.exhausted": _note_text("没完没了的协调让他筋疲力尽"),
        "xiaoli.feels.blamed": _note_text("担心为自己控制不了的延期背锅", wang),
        "xiaoli.feels.relieved": _note_text("一有明确的优先级决定就如释重负"),
        "xiaoli.pains.day": _note_text("每周花一天以上时间找人", chen),
        "xiaoli.pains.shift": _note_text("优先级经常变化，事先没有通知", zhao),
        "xiaoli.gains.process": _note_text("标准化的跨部门协作流程"),
        "xiaoli.gains.pool": _note_text("可视化资源池", chen),
        # --- 同理心地图：新任项目经理
        "map.newpm": {"scenario": "在首个项目启动前报名PMO培训"},
        "newpm.says.when": _note_text("下一期什么时候开课？还有名额吗？", zhou),
        "newpm.says.approval": _note_text("报名要找谁审批？"),
        "newpm.thinks.behind": _note_text("等审批下来，项目早就开工了。", zhou),
        "newpm.thinks.bother": _note_text("不好意思再去催领导了。"),
        "newpm.does.templates": _note_text("向同事要以前的模板"),
        "newpm.does.search": _note_text("在内网上搜索开课时间", zhou),
        "newpm.feels.nervous": _note_text("第一次带项目，心里没底"),
        "newpm.feels.stuck": _note_text("报名卡在审批流里，只能干着急", zhou),
        "newpm.pains.wait": _note_text("报名审批要一周以上", liu),
        "newpm.gains.ready": _note_text("项目启动前就完成培训、做好准备"),
        # --- 客户旅程：新任项目经理参加PMO培训
        "journey.training": {"scenario": "新任项目经理参加PMO项目管理培训"},
        "training.aware": {"name": "了解"},
        "training.consider": {"name": "考虑"},
        "training.signup": {"name": "报名"},
        "training.attend": {"name": "参加"},
        "training.feedback": {"name": "反馈"},
        "train.hear": {
            "name": "从同事处听说培训",
            "channel": "口口相传",
            "action": "午饭时同事提到PMO的项目管理基础课程。",
            "need": "知道有面向新任项目经理的培训",
            "pain_point": "上任三个月后才偶然得知",
            "opportunity": "向每位新任项目经理发送欢迎邮件，附上培训路径",
            "owner": "PMO",
            "backstage": "人力资源部每月向PMO提供新任命名单",
        },
        "train.intranet": {
            "name": "浏览PMO内网页面",
            "channel": "内网",
            "action": "查找开课时间、课程内容和报名方式。",
            "need": "知道下一期开课时间和剩余名额",
            "pain_point": "课程目录过时，没有日期和名额信息",
            "opportunity": "发布实时课程日历，显示剩余名额",
            "owner": "PMO、信息技术部",
            "backstage": "课程安排由PMO专员在Excel表中维护",
        },
        "train.outline": {
            "name": "阅读课程大纲",
            "channel": "课程大纲（PDF）",
            "action": "判断课程内容是否适用于自己的第一个项目。",
            "need": "了解课程对真实交付项目有什么帮助",
            "pain_point": "大纲偏理论，完全没有提到交付类项目",
            "opportunity": "在大纲中展示案例模块和模板样例",
            "owner": "PMO培训负责人",
            "backstage": "课程大纲自2023年以来未更新",
        },
        "train.manager": {
            "name": "向直属上级申请培训时间",
            "channel": "当面沟通",
            "action": "询问能否脱产参加三天培训。",
            "need": "获得批准，又不显得对项目不上心",
            "pain_point": "上级担心他离开项目三天会影响交付",
            "opportunity": "将课程拆分为三周内完成的半天模块",
            "owner": "PMO培训负责人",
            "backstage": "项目人员没有约定的培训时间额度",
        },
        "train.form": {
            "name": "填写报名表",
            "channel": "OA系统",
            "action": "填写包括成本中心、预算编码和审批人在内的报名表。",
            "need": "几分钟内完成报名",
            "pain_point": "要填自己并不清楚的预算编码和审批人",
            "opportunity": "用人力资源数据预填表单，取消预算编码字段",
            "owner": "PMO、信息技术部",
            "backstage": "表单字段照搬了差旅报销单",
        },
        "train.approval": {
            "name": "等待报名的跨部门审批",
            "channel": "OA审批流",
            "action": "申请依次流转到直属上级、人力资源部培训岗和财务部成本中心确认。",
            "need": "尽快知道自己是否报上了名",
            "pain_point": "三个部门串行审批，平均9个工作日，看不到进度，批下来时课程可能已经满员",
            "opportunity": "一步完成在线报名，各部门预先核定培训名额",
            "owner": "PMO、人力资源部、财务部",
            "backstage": "财务部逐单核对成本中心预算；人力资源部重复核对直属上级已确认过的资格",
        },
        "train.confirm": {
            "name": "收到报名确认",
            "channel": "邮件",
            "action": "收到一封只写着“报名成功”的邮件。",
            "need": "知道去哪里上课、需要准备什么",
            "pain_point": "邮件里没有地点、议程和预习材料",
            "opportunity": "发送包含议程、地点和预习材料的日历邀请",
            "owner": "PMO专员",
            "backstage": "确认邮件是OA系统的固定通知模板",
        },
        "train.class": {
            "name": "参加课堂培训",
            "channel": "线下课堂",
            "action": "三天的讲授和小组练习。",
            "need": "学到回去马上能用的方法",
            "pain_point": "案例通用，很少涉及软件和交付项目",
            "opportunity": "基于集团自己的项目开发教学案例",
            "owner": "PMO培训负责人",
            "backstage": "外部讲师沿用标准课程",
        },
        "train.templates": {
            "name": "在自己的项目上试用课程模板",
            "channel": "PMO模板库",
            "action": "在第一个项目中使用风险登记册和状态报告模板。",
            "need": "与本部门工具匹配的模板",
            "pain_point": "模板与部门使用的项目管理系统不一致，只能两边都填",
            "opportunity": "统一模板与项目管理系统，全集团一套",
            "owner": "PMO、信息技术部",
            "backstage": "模板库和项目管理系统由不同团队维护",
        },
        "train.survey": {
            "name": "填写课程评估问卷",
            "channel": "在线问卷",
            "action": "课程结束时填写一份25道题的问卷。",
            "need": "不用花半小时也能表达意见",
            "pain_point": "问卷太长，也没人反馈改进了什么",
            "opportunity": "改为三道题的问卷，每季度发布一次“您说我改”",
            "owner": "PMO专员",
            "backstage": "问卷结果归档后无人分析",
        },
        "train.followup": {
            "name": "课后寻求帮助",
            "channel": "PMO服务台",
            "action": "在规划第一个项目时给PMO发邮件提问。",
            "need": "应用所学方法时有经验丰富的人可以请教",
            "pain_point": "没有导师也没有跟进，学到的东西几周后就忘了",
            "opportunity": "为每位新任项目经理在首个项目中配备导师，并每月举办项目经理答疑会",
            "owner": "PMO",
            "backstage": "PMO没有预留辅导人力",
        },
        # --- 客户旅程：区域业务总监的跨区域资源申请
        "journey.region": {"scenario": "跨区域资源申请和审批"},
        "region.identify": {"name": "识别需求"},
        "region.request": {"name": "申请"},
        "region.approve": {"name": "审批"},
        "region.allocate": {"name": "调配"},
        "region.review": {"name": "复盘"},
        "region.win": {
            "name": "赢得需要总部专家的客户项目",
            "channel": "销售会议",
            "action": "签署意向书，项目需要总部派两名自动化专家。",
            "need": "马上知道总部能否派人",
            "pain_point": "不知道总部或其他区域谁有空",
            "opportunity": "可视化资源池，展示各区域的可用技能",
            "owner": "PMO、信息技术部",
            "backstage": "人员可用情况散落在各部门负责人自己的表格里",
        },
        "region.estimate": {
            "name": "估算所需人员和时间",
            "channel": "Excel",
            "action": "与项目负责人一起梳理角色、技能和时间。",
            "need": "统一的角色和技能口径",
            "pain_point": "没有标准技能目录，估算全凭猜测",
            "opportunity": "建立标准的角色与技能目录",
            "owner": "PMO",
            "backstage": "总部各部门对同一角色的叫法各不相同",
        },
        "region.submit": {
            "name": "提交跨区域资源申请",
            "channel": "OA流程",
            "action": "按涉及的总部部门分别填写申请表。",
            "need": "一次申请、一个入口",
            "pain_point": "每个总部部门一张不同的表",
            "opportunity": "所有部门统一使用一张申请表",
            "owner": "PMO、信息技术部",
            "backstage": "申请表由各部门各自维护",
        },
        "region.chase": {
            "name": "电话催办申请",
            "channel": "电话、微信",
            "action": "打电话给总部熟人询问申请进度。",
            "need": "不用打电话也能看到进度",
            "pain_point": "线上看不到状态，每个申请平均要打3次电话",
            "opportunity": "实时显示申请状态，每一步自动通知",
            "owner": "PMO、信息技术部",
            "backstage": "审批人通过邮件处理，OA流程只显示“处理中”",
        },
        "region.approval": {
            "name": "等待跨区域审批",
            "channel": "总部审批流程",
            "action": "申请依次经过4–6位审批人，最后提交总部每月一次的资源会议。",
            "need": "基于明确规则、快速而公平的决定",
            "pain_point": "平均11个工作日，40%至少被退回一次，分配标准从未公开",
            "opportunity": "分级治理：小额申请由区域自行审批，大额申请由总部委员会每周按公开规则决策",
            "owner": "PMO、COO办公室",
            "backstage": "总部资源会议凭资历和游说做决定，而不是依据公开的优先级",
        },
        "region.partial": {
            "name": "收到部分批复",
            "channel": "邮件",
            "action": "只批了一名专家，而且是初级的，没有任何说明。",
            "need": "理解决定的依据并据此调整计划",
            "pain_point": "批给的人数或级别低于申请，却没有解释",
            "opportunity": "每项分配都对照公开的优先级给出说明",
            "owner": "PMO",
            "backstage": "决策只记录在区域看不到的会议纪要里",
        },
        "region.onboard": {
            "name": "总部专家到岗",
            "channel": "客户现场",
            "action": "向客户和项目团队介绍到岗的专家。",
            "need": "专家在承诺的时间内一直在岗",
            "pain_point": "专家晚到一周，中途又被调回总部项目",
            "opportunity": "对已承诺的调配时段进行保护",
            "owner": "PMO、总部各部门负责人",
            "backstage": "总部项目可以不经区域同意就调回人员",
        },
        "region.retro": {
            "name": "复盘交付和资源使用",
            "channel": "季度经营分析会",
            "action": "与总部一起回顾项目结果。",
            "need": "从计划与实际资源使用的差异中学习",
            "pain_point": "没有人对比计划和实际的资源使用",
            "opportunity": "按区域发布季度资源利用率报告",
            "owner": "PMO、财务部",
            "backstage": "利用率数据已经存在，但没有与区域共享",
        },
        # --- 价值主张画布：区域业务总监
        "canvas.region": {
            "title": "华南区域：总部资源调配",
            "value_statement": "我们通过智能系统和分级治理，将您的资源利用率提高到85%以上，项目平均延迟时间降低20%。",
        },
        "a.job.win": _text("在区域内赢得并交付客户项目"),
        "a.job.staff": _text("在合适的时间获得合适的专家"),
        "a.job.report": _text("向总部汇报区域经营结果"),
        "a.pain.anxiety": _text("对总部资源分配的焦虑"),
        "a.pain.slow": _text("跨区域申请和审批慢且不透明"),
        "a.pain.window": _text("等人期间错失客户窗口期"),
        "a.pain.autonomy": _text("担心总部加强管控后失去区域自主权"),
        "a.pain.reporting": _text("重复汇报：总部模板与区域自己的报表不一致"),
        "a.gain.predictable": _text("基于公开规则、可预期的资源分配"),
        "a.gain.fast": _text("几天而不是几周就能拿到决定"),
        "a.gain.visibility": _text("看到各区域的可用技能"),
        "a.product.governance": _text("分级治理框架"),
        "a.product.system": _text("智能资源调配系统"),
        "a.product.committee": _text("每周资源调配委员会"),
        "a.reliever.rules": _text("公开的分配规则和优先级评分"),
        "a.reliever.tiers": _text("分级审批：20人天以下的申请由区域自行审批，更大的申请由总部委员会5天内决策"),
        "a.reliever.tracking": _text("在线申请，实时跟踪状态"),
        "a.reliever.reserve": _text("为紧急客户窗口预留的资源池"),
        "a.creator.pool": _text("跨区域技能的可视化资源池"),
        "a.creator.matching": _text("申请与可用专家的智能匹配"),
        "a.creator.review": _text("与各区域的季度分配复盘"),
        "a.kpi.utilisation": {"name": "资源利用率", "unit": "%"},
        "a.kpi.delay": {"name": "项目平均延迟时间（降低20%）", "unit": "天"},
        "a.kpi.approval": {"name": "跨区域审批周期", "unit": "工作日"},
        # --- 价值主张画布：新任项目经理培训
        "canvas.training": {
            "title": "新任项目经理：PMO培训",
            "value_statement": "新任项目经理一步完成报名，在首个项目启动前完成培训并配备导师。",
        },
        "b.job.learn": _text("在首个项目启动前掌握项目管理基础"),
        "b.job.deliver": _text("成功交付第一个项目"),
        "b.pain.approval": _text("跨部门审批让报名耗时数周"),
        "b.pain.theory": _text("内容偏理论，脱离实际项目"),
        "b.pain.alone": _text("课程结束后无人跟进"),
        "b.gain.templates": _text("拿来即用、适合自己项目的模板"),
        "b.gain.mentor": _text("首个项目有经验丰富的导师"),
        "b.product.course": _text("项目管理基础课程"),
        "b.product.library": _text("模板库"),
        "b.product.mentoring": _text("导师计划"),
        "b.reliever.signup": _text("一步在线报名，培训名额预先核定"),
        "b.reliever.cases": _text("基于集团自有项目的案例教学"),
        "b.reliever.clinic": _text("导师结对和每月项目经理答疑会"),
        "b.creator.templates": _text("与项目管理系统一致的模板"),
        "b.creator.mentor": _text("报名时即分配导师"),
        "b.kpi.leadtime": {"name": "培训报名周期", "unit": "工作日"},
        "b.kpi.ready": {"name": "首个项目启动前完成培训的新任项目经理占比", "unit": "%"},
    }


_TEXTS: dict[str, Texts] = {"en": _english(), "zh": _chinese()}


# --- the builder ----------------------------------------------------------------------------


def create_demo_workshop(session: Session, *, lang: str = "en") -> Workshop:
    """Create the demo workshop in ``lang`` ("en" or "zh") through the services; the caller commits.

    Raises ``ValueError`` for any other language, before anything is written.
    """
    if lang not in DEMO_LANGUAGES:
        raise ValueError(f"no demo in language {lang!r}; choose one of {', '.join(DEMO_LANGUAGES)}")
    texts = _TEXTS[lang]
    refs: dict[str, Ref] = {}
    evidence_ids: dict[str, int] = {}

    def fields(item: _Item) -> dict[str, Any]:
        return {**item.fields, **texts[item.key]}

    def record(item: _Item, kind: RefKind, row_id: int) -> None:
        """Remember the row under its key and back it with its evidence."""
        refs[item.key] = ref = Ref(kind, row_id)
        for key in item.evidence:
            links.link_evidence(session, evidence_id=evidence_ids[key], target=ref)

    workshop = workshops.create_workshop(session, language=lang, **fields(_WORKSHOP))
    for participant in _PARTICIPANTS:
        workshops.add_participant(session, workshop_id=workshop.id, **fields(participant))
    for source in _EVIDENCE:
        evidence_ids[source.key] = evidence_service.create_evidence(
            session, workshop_id=workshop.id, **fields(source)
        ).id
    for persona in _PERSONAS:
        row = personas.create_persona(session, workshop_id=workshop.id, **fields(persona))
        record(persona, RefKind.PERSONA, row.id)

    for empathy_map in _MAPS:
        map_row = empathy.create_map(session, persona_id=refs[empathy_map.persona].id, **texts[empathy_map.key])
        for note in empathy_map.notes:
            record(note, RefKind.EMPATHY_NOTE, empathy.add_note(session, map_id=map_row.id, **fields(note)).id)

    journey_ids: dict[str, int] = {}
    for journey in _JOURNEYS:
        journey_row = journeys.create_journey(session, persona_id=refs[journey.persona].id, **texts[journey.key])
        journey_ids[journey.key] = journey_row.id
        for stage in journey.stages:
            stage_row = journeys.add_stage(session, journey_id=journey_row.id, **texts[stage.key])
            for tp in stage.touchpoints:
                record(tp, RefKind.TOUCHPOINT, journeys.add_touchpoint(session, stage_id=stage_row.id, **fields(tp)).id)

    for canvas in _CANVASES:
        canvas_row = canvases.create_canvas(
            session,
            persona_id=refs[canvas.persona].id,
            journey_id=journey_ids[canvas.journey],
            **texts[canvas.key],
        )
        for item in canvas.items:
            record(item, RefKind.CANVAS_ITEM, canvases.add_item(session, canvas_id=canvas_row.id, **fields(item)).id)
        for value_key, customer_key, strength in canvas.fits:
            canvases.link_fit(
                session, value_item_id=refs[value_key].id, customer_item_id=refs[customer_key].id, strength=strength
            )
        for kpi in canvas.kpis:
            proves = [refs[key].id for key in kpi.proves]
            kpi_row = canvases.add_kpi(session, canvas_id=canvas_row.id, proves=proves, **fields(kpi))
            record(kpi, RefKind.KPI, kpi_row.id)

    for source_key, target_key in _TRACES:
        links.add_trace(session, source=refs[source_key], target=refs[target_key])
    return workshop
