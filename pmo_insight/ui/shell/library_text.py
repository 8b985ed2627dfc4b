"""The few texts Streamlit draws itself and offers no parameter for, in the session's language.

Placeholders, the grid's texts and date formats are set through the libraries' own options where
they exist (``placeholder=``, ``localeText``, ``format=``). What is left — the input hints
("Press Enter to submit form"), the uploader's button and size line, and the empty date's
"yyyy / mm / dd" — is drawn by Streamlit's frontend in English. For another language a small
script, installed once per page, replaces exactly those texts (matched whole, and only inside the
widgets that draw them, never in user content) with the catalogue's translation, including when
Streamlit redraws them.
"""

from __future__ import annotations

import json

import streamlit as st

from pmo_insight import web

#: Exact English text -> catalogue key, for text drawn inside Streamlit's own widget chrome.
TEXTS = {
    "Press Enter to submit form": "library.enter_submit",
    "Press Enter to apply": "library.enter_apply",
    "Press Ctrl+Enter to submit form": "library.ctrl_enter_submit",
    "Press ⌘+Enter to submit form": "library.ctrl_enter_submit",
    "Press Ctrl+Enter to apply": "library.ctrl_enter_apply",
    "Press ⌘+Enter to apply": "library.ctrl_enter_apply",
    "Upload": "library.upload",
    "Choose an option": "library.choose_option",
    "Choose options": "library.choose_options",
    "No results": "library.no_results",
    "yyyy": "library.yyyy",
    "mm": "library.mm",
    "dd": "library.dd",
}
#: Where those texts live: nothing outside these widgets is ever touched.
SCOPE = (
    '[data-testid="InputInstructions"], [data-testid="stFileUploaderDropzone"], '
    '[data-testid="stDateInputField"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"], '
    '[role="listbox"]'
)

_SCRIPT = """
<script>
(() => {
  const cfg = %s;
  window.__pmoLibraryText = cfg;
  if (window.__pmoLibraryTextInstalled) return;
  window.__pmoLibraryTextInstalled = true;
  const sizeLine = /^(\\d+(?:\\.\\d+)?)\\s*MB per file(?: • (.+))?$/;
  const fix = (root) => {
    const c = window.__pmoLibraryText;
    if (!c || !c.on || !root.querySelectorAll) return;
    root.querySelectorAll(c.scope).forEach((box) => {
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.nodeValue.trim();
        if (c.texts[text] !== undefined) { n.nodeValue = c.texts[text]; continue; }
        const m = text.match(sizeLine);
        if (m) n.nodeValue = c.size.replace('{max}', m[1]) + (m[2] ? ' • ' + m[2] : '');
      }
      box.querySelectorAll('input[placeholder]').forEach((i) => {
        const t = c.texts[i.getAttribute('placeholder')];
        if (t !== undefined) i.setAttribute('placeholder', t);
      });
    });
  };
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(doc.body); });
  }).observe(doc.body, {subtree: true, childList: true, characterData: true, attributes: true,
                        attributeFilter: ['placeholder']});
  fix(doc.body);
})();
</script>
"""


def config() -> dict:
    """What the script needs: on only for a language other than the libraries' English."""
    on = web.lang() != "en"
    return {
        "on": on,
        "scope": SCOPE,
        "texts": {english: web.tr(key) for english, key in TEXTS.items()} if on else {},
        "size": web.tr("library.per_file", max="{max}") if on else "",
    }


def install() -> None:
    """Called once per run by app.py; draws nothing visible."""
    payload = json.dumps(config(), ensure_ascii=False).replace("</", "<\\/")
    st.html(_SCRIPT % payload, unsafe_allow_javascript=True)
