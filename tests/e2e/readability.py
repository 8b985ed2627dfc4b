"""How small the smallest text a screen shows really is, measured in Chromium.

Every visible text node (and every text box's value or placeholder) is measured at its computed
font size; text inside an SVG is multiplied by the scale at which the SVG is drawn (its screen
transformation matrix), so a Graphviz label shrunk to fit the column counts at its displayed size.
Every frame is measured, the grid's iframe included. Shared by the browser test and by anyone
checking a screen by hand (``python -m tests.e2e.readability URL``).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Runs in a frame; returns [[size_px, text, where], ...] for everything a reader can see.
MEASURE_JS = r"""
() => {
  const out = [];
  const visible = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const where = (el) => {
    const keyed = el.closest('[class*="st-key-"]');
    const key = keyed ? [...keyed.classList].find((c) => c.startsWith('st-key-')) : '';
    const test = el.closest('[data-testid]');
    return (test ? test.getAttribute('data-testid') : el.tagName) + (key ? ' ' + key : '');
  };
  const scaleOf = (el) => {
    const svgText = el.closest('svg') ? el : null;
    if (!svgText || typeof svgText.getScreenCTM !== 'function') return 1;
    const m = svgText.getScreenCTM();
    return m ? Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) : 1;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE', 'OPTION'].includes(el.tagName)) continue;
    if (el.closest('title, desc, [aria-hidden="true"] .sr-only, .ag-hidden')) continue;
    if (el.closest('[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stIconMaterial"]')) continue;
    if (!visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue;
    const size = parseFloat(getComputedStyle(el).fontSize) * scaleOf(el);
    out.push([Math.round(size * 100) / 100, text.slice(0, 60), where(el)]);
  }
  const boxes = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea';
  for (const el of document.querySelectorAll(boxes)) {
    if (el.closest('[data-testid="stSidebar"]') || !visible(el)) continue;
    const text = (el.value || el.placeholder || '').trim();
    if (!text) continue;
    out.push([Math.round(parseFloat(getComputedStyle(el).fontSize) * 100) / 100, text.slice(0, 60), where(el)]);
  }
  return out;
}
"""


@dataclass(frozen=True)
class Text:
    size: float
    text: str
    where: str
    frame: str


def measure(page) -> list[Text]:
    """Every visible text on the page and in its frames, smallest first."""
    found: list[Text] = []
    for frame in page.frames:
        try:
            rows = frame.evaluate(MEASURE_JS)
        except Exception:  # a frame navigating away while measured has nothing to show
            continue
        name = "main" if frame == page.main_frame else (frame.name or frame.url.rsplit("/", 1)[-1][:40])
        found.extend(Text(size, text, where, name) for size, text, where in rows)
    return sorted(found, key=lambda t: t.size)


def settle(page, timeout: int = 120_000) -> None:
    """Until Streamlit has drawn the page and finished its run; patient, for a machine busy with other work."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(300)


def too_small(texts: list[Text], limit: float) -> list[Text]:
    return [t for t in texts if t.size < limit - 0.01]
