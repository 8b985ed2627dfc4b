"""What assistive technology needs from every page that Streamlit does not write itself.

Streamlit serves one index page with ``<html lang="en">`` for every language (streamlit issue
15726). A small script, installed on every run by app.py, sets ``document.documentElement.lang``
to the session's language (``zh-CN`` or ``en``) and sets it again when the user switches. The same
script makes every region that scrolls but holds nothing focusable reachable by the keyboard
(``tabindex="0"``, a role and a label in the session's language): the chain graph scrolls sideways
when wider than its column, and a keyboard user must be able to scroll it too. Draws nothing visible.
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
  const fix = () => {
    const c = view.__pmoA11y;
    if (doc.documentElement.lang !== c.lang) doc.documentElement.lang = c.lang;
    doc.querySelectorAll(c.scrollers).forEach((box) => {
      if (box.hasAttribute('data-pmo-scroll')) return;
      if (box.querySelector(FOCUSABLE)) return;
      box.setAttribute('data-pmo-scroll', '');
      box.tabIndex = 0;
      if (!box.hasAttribute('role')) box.setAttribute('role', 'group');
      if (!box.hasAttribute('aria-label')) box.setAttribute('aria-label', c.graph);
    });
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    view.requestAnimationFrame(() => { queued = false; fix(); });
  }).observe(doc.body, {subtree: true, childList: true});
  fix();
})();
</script>
"""

#: Regions the app lets scroll (assets/style.css) that hold no focusable element of their own.
SCROLLERS = '[data-testid="stGraphVizChart"]'


def config() -> dict:
    return {
        "lang": DOCUMENT_LANG.get(web.lang(), web.lang()),
        "scrollers": SCROLLERS,
        "graph": web.tr("a11y.scrolling_graph"),
    }


def install() -> None:
    """Called by app.py on every run, before the page draws; draws nothing visible."""
    payload = json.dumps(config(), ensure_ascii=False).replace("</", "<\\/")
    st.html(_SCRIPT % payload, unsafe_allow_javascript=True)
