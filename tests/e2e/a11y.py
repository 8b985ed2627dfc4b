"""Accessibility checks shared by the browser tests: axe-core runs, the screens to audit, the documented list.

The screens come from app.py's ``SCREENS`` (read from its source, so a screen added there is audited
without touching the tests). axe-core ships inside ``axe-playwright-python``; it is injected into the
page and every frame, and only WCAG 2.0/2.1/2.2 A and AA rules of impact serious or critical count.
What sits inside Streamlit or a component and cannot be fixed from the app is listed in the README's
"Accessibility" section, as a table of rule id, CSS selector fragment and upstream issue; the tests
read that table, so an exception that is not documented there fails.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parents[2]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
COUNTED = {"serious", "critical"}
_AXE = Axe()
#: Every view audited in this run, so a test can check that the walk reached them all.
AUDITED: list[str] = []


@dataclass(frozen=True)
class Violation:
    view: str
    rule: str
    impact: str
    target: str
    html: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.view}: {self.impact} {self.rule} {self.detail} at {self.target[-90:]} {self.html[:100]}"


def screens() -> list[tuple[str, str]]:
    """(url path, title key) of every facilitator screen in app.py's ``SCREENS``, home first ("")."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "SCREENS" for t in targets):
                listed = ast.literal_eval(node.value)
                return [("" if i == 0 else Path(path).stem, key) for i, (path, key, _icon) in enumerate(listed)]
    raise AssertionError("app.py has no SCREENS list")


def documented() -> list[tuple[str, str, str]]:
    """(rule id, selector fragment, upstream issue) rows of the README's accessibility table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Accessibility", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"[a-z0-9-]+", cells[0]) and cells[0] != "rule":
            rows.append((cells[0], cells[1], cells[2]))
    return rows


def is_documented(v: Violation, rows: list[tuple[str, str, str]]) -> bool:
    return any(v.rule == rule and fragment in v.target for rule, fragment, _issue in rows)


#: True once no finite CSS transition or animation is running, so that a popover fading in (or any
#: element in mid-transition) is audited at its final colours, not at a passing shade; an endless
#: animation (a spinner) does not count.
_STILL = """() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect === null
  || a.effect.getComputedTiming().endTime === Infinity)"""


def audit(page, view: str, include: str | None = None) -> list[Violation]:
    """Serious and critical WCAG A/AA violations on ``page`` (or only inside ``include``), frames included."""
    AUDITED.append(view)
    page.wait_for_function(_STILL, timeout=15_000)
    for frame in page.frames[1:]:
        try:
            frame.evaluate(_AXE.axe_script)
        except Exception:  # a frame navigating away has nothing to audit
            pass
    page.evaluate(_AXE.axe_script)
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"], "iframes": True}
    context = "document" if include is None else json.dumps(include)
    raw = page.evaluate(f"axe.run({context}, {json.dumps(options)})")
    found = []
    for rule in raw["violations"]:
        if rule["impact"] not in COUNTED:
            continue
        for node in rule["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            data = next((c.get("data") for c in node.get("any", []) if isinstance(c.get("data"), dict)), None) or {}
            detail = f"{data.get('fgColor')} on {data.get('bgColor')} {data.get('contrastRatio')}:1" if data else ""
            impact = node.get("impact") or rule["impact"]
            found.append(Violation(view, rule["id"], impact, target, node["html"], detail))
    return found


#: Every visible control a finger can press on the page: [[width, height, what], ...]. A radio or
#: checkbox counts by its label (what Streamlit makes pressable), a text box by its visible box.
TARGETS_JS = r"""
() => {
  const seen = new Set();
  const out = [];
  const pressable = 'button, a[href], input:not([type=hidden]), textarea, select, [role=button], [role=tab],'
    + ' [role=radio], [role=checkbox], [role=switch], [role=combobox], label:has(input[type=radio]),'
    + ' label:has(input[type=checkbox])';
  for (let el of document.querySelectorAll(pressable)) {
    if (el.closest('[aria-hidden=true]')) continue;
    if (el.matches('input[type=radio], input[type=checkbox]')) el = el.closest('label') || el;
    const box = '[data-testid=stTextInputRootElement], [data-testid=stTextAreaRootElement]';
    if (el.matches('input, textarea')) el = el.closest(box) || el;
    if (seen.has(el)) continue;
    seen.add(el);
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    // 1×1 px: visually hidden until focused (the skip link), never a finger's target
    if (r.width <= 1 || r.height <= 1 || s.visibility === 'hidden' || s.display === 'none') continue;
    const keyed = el.closest('[class*="st-key-"]');
    const key = keyed ? [...keyed.classList].find((c) => c.startsWith('st-key-')) : '';
    const label = (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 30);
    out.push([Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10, `${key} ${label}`.trim()]);
  }
  return out;
}
"""


def small_targets(page, minimum: float) -> tuple[int, list[str]]:
    """How many targets the page has, and those under ``minimum`` CSS px in width or height."""
    targets = page.evaluate(TARGETS_JS)
    return len(targets), [f"{w}x{h} {what}" for w, h, what in targets if w < minimum - 0.01 or h < minimum - 0.01]
