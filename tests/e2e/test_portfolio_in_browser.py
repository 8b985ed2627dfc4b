"""A PMO head opens a portfolio link in a real Chromium and drills down from the numbers to the evidence.

Four workshops of three departments are built through the services; two of them, of different
departments, hold alike pains traced from empathy notes and journey touchpoints. The link's holder
reads the headline numbers, finds that recurring pain at the top, opens it to the notes and
touchpoints behind it, and drills down to one workshop — with no facilitator screen, no edit
control, and no write to any workshop.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from pmo_insight.domain.refs import Ref
from pmo_insight.iterate.kpi_actuals import add_kpi_actual
from pmo_insight.models import ItemKind, RefKind, Workshop
from pmo_insight.portfolio.links import create_portfolio_link
from pmo_insight.portfolio.models import PortfolioLink
from pmo_insight.services import canvases, empathy, journeys, links, personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

RECURRING = "Approvals take weeks to come back"
NOTE_SALES = "I wait three weeks for a sign-off on every discount"
TOUCHPOINT_SALES = "The discount request sits in the CFO's inbox"
NOTE_RND = "Our specs wait weeks for an approval before we can start"


def _workshop(
    session: Session,
    *,
    title: str,
    department: str,
    sponsor: str,
    pain: str,
    note: str | None = None,
    touchpoint: str | None = None,
    kpi: dict | None = None,
) -> int:
    """One workshop: a persona, a canvas with ``pain`` traced from ``note`` (empathy) and
    ``touchpoint`` (journey), and optionally a KPI with one actual."""
    ws = workshops.create_workshop(
        session, title=title, department=department, sponsor=sponsor, held_on=date(2026, 1, 15)
    )
    persona = personas.create_persona(session, workshop_id=ws.id, name=f"{title}: buyer")
    canvas = canvases.create_canvas(session, persona_id=persona.id, title=f"{title} canvas")
    item = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text=pain, rank=4)
    target = Ref(RefKind.CANVAS_ITEM, item.id)
    if note:
        emap = empathy.create_map(session, persona_id=persona.id, scenario="Interviews")
        source = empathy.add_note(session, map_id=emap.id, quadrant="pains", text=note, department=department)
        links.add_trace(session, source=Ref(RefKind.EMPATHY_NOTE, source.id), target=target)
    if touchpoint:
        journey = journeys.create_journey(session, persona_id=persona.id, scenario="Quote to order")
        stage = journeys.add_stage(session, journey_id=journey.id, name="Approve")
        point = journeys.add_touchpoint(session, stage_id=stage.id, name="Discount request", pain_point=touchpoint)
        links.add_trace(session, source=Ref(RefKind.TOUCHPOINT, point.id), target=target)
    if kpi:
        spec = dict(kpi)
        actual = spec.pop("actual")
        row = canvases.add_kpi(session, canvas_id=canvas.id, due_on=date(2030, 1, 1), **spec)
        add_kpi_actual(session, kpi_id=row.id, value=actual, measured_on=date(2026, 6, 1))
    session.flush()
    return ws.id


def _seed(session: Session) -> dict[str, int]:
    """Four workshops, three departments; the approval pain recurs in Sales and R&D."""
    ids = {
        "sales": _workshop(
            session, title="Sales EMEA discounts", department="Sales", sponsor="Li Wei, COO",
            pain=RECURRING, note=NOTE_SALES, touchpoint=TOUCHPOINT_SALES,
            kpi={"name": "Days to approve a discount", "baseline": 15, "target": 3, "actual": 3},  # reached: on track
        ),
        "rnd": _workshop(
            session, title="R&D roadmap intake", department="R&D", sponsor="Tom Berg, CTO",
            pain=RECURRING + "!", note=NOTE_RND,
            kpi={"name": "Specs started on time", "baseline": 40, "target": 90, "actual": 30},  # worse: off track
        ),
        "finance": _workshop(
            session, title="Finance month-end close", department="Finance", sponsor="Ana Ruiz, CFO",
            pain="Month-end reports are built by hand in spreadsheets",
        ),
        "apac": _workshop(
            session, title="Sales APAC renewals", department="Sales", sponsor="Li Wei, COO",
            pain="Customer history is scattered over three tools",
        ),
    }  # fmt: skip
    return ids


def _revisions(session: Session) -> dict[int, int]:
    return {w.id: w.revision for w in session.exec(select(Workshop)).all()}


def _key(page: Page, key: str):
    return page.locator(f".st-key-{key}")


def _headline(page: Page, label: str):
    """The value of the headline number labelled ``label``."""
    label_of = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return (
        _key(page, "portfolio_headline").get_by_test_id("stMetric").filter(has=label_of).get_by_test_id("stMetricValue")
    )


def test_a_pmo_head_opens_the_portfolio_link_and_drills_down_from_a_recurring_pain_to_its_notes(
    browser: Browser, running_app
):
    db = AppDatabase(running_app.database_url)
    ids = db.run(_seed)
    made = db.run(create_portfolio_link, label="PMO head, Q4")
    before = db.run(_revisions)
    page = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US").new_page()

    page.goto(running_app.url + made.path)
    wait_for_app(page)
    expect(page.get_by_text("Read-only portfolio, shared as “PMO head, Q4”.")).to_be_visible()

    # The headline numbers: four workshops, three departments, one KPI of two on track.
    expect(_headline(page, "Workshops")).to_have_text("4")
    expect(_headline(page, "Departments")).to_have_text("3")
    expect(_headline(page, "KPIs on track")).to_have_text("1 / 2")

    # A reader's screen, not a facilitator's: no screens to go to, no workshop picker, nothing to edit.
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Workshop", exact=True)).to_have_count(0)
    for facilitator_only in ("Share the portfolio (read-only link)", "Open this workshop", "Create"):
        expect(page.get_by_role("button", name=facilitator_only)).to_have_count(0)
    expect(page.get_by_text("Share the portfolio (read-only link)")).to_have_count(0)
    expect(page.get_by_test_id("stTextArea")).to_have_count(0)
    screenshot(page, "portfolio-link-en")

    # The recurring pain comes first: two workshops, two departments.
    pain = _key(page, "portfolio_pain_0")
    summary = pain.locator("summary")
    expect(summary).to_contain_text(RECURRING)
    expect(summary).to_contain_text("workshops: 2 · departments: 2")
    expect(pain.get_by_text(NOTE_SALES)).not_to_be_visible()
    summary.click()  # the evidence is built when the pain is opened: one rerun
    wait_for_app(page)

    # Opened: both workshops and their departments, and the notes and the touchpoint it was traced from.
    expect(pain.get_by_text("R&D · Sales", exact=True)).to_be_visible()
    expect(pain.get_by_text(re.compile(r"Sales EMEA discounts · Sales"))).to_be_visible()
    expect(pain.get_by_text(re.compile(r"R&D roadmap intake · R&D"))).to_be_visible()
    expect(pain.get_by_text(NOTE_SALES)).to_be_visible()
    expect(pain.get_by_text(TOUCHPOINT_SALES)).to_be_visible()
    expect(pain.get_by_text(NOTE_RND)).to_be_visible()
    expect(pain.get_by_text("Month-end reports")).to_have_count(0)

    # One click from the pain to the R&D workshop's drill-down, with the note behind its pain.
    pain.get_by_role("button", name="See workshop").nth(1).click()
    wait_for_app(page)
    drill = _key(page, "portfolio_drill")
    expect(drill.get_by_role("heading", name="R&D roadmap intake")).to_be_visible()
    expect(drill).to_contain_text("R&D · Tom Berg, CTO")
    expect(drill.get_by_text(NOTE_RND)).to_be_visible()
    # (a dataframe draws on a canvas; its cells are in the page for screen readers only)
    expect(drill.get_by_test_id("stDataFrame").get_by_text("Specs started on time", exact=True)).to_be_attached()
    expect(drill.get_by_text(NOTE_SALES)).to_have_count(0)
    expect(page.get_by_role("button", name="Open this workshop")).to_have_count(0)
    screenshot(page, "portfolio-link-drill-en")

    # A facilitator's address with the token still lands on the reading view, never a workshop screen.
    page.goto(f"{running_app.url}/canvas?workshop={ids['sales']}&portfolio={made.token}")
    wait_for_app(page)
    expect(page.get_by_text("Read-only portfolio, shared as “PMO head, Q4”.")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_text("Value canvas")).to_have_count(0)

    # Reading changed no workshop; the link counted its openings (one per browser session).
    assert db.run(_revisions) == before
    opened = db.run(lambda s: s.exec(select(PortfolioLink)).one().open_count)
    assert opened == 2
