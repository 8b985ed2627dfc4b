"""Pages that hold a capability link in their address (review, join, facilitator) send no Referer.

The app links to no other site and loads nothing from one (a browser test checks every screen);
this is the second line: ``<meta name="referrer" content="no-referrer">`` in the document's head,
so even a link typed into a note and followed would not carry the address to another origin.
Streamlit serves its own index page, so the tag is added by a small script on the first run.
"""

from __future__ import annotations

import streamlit as st

_SCRIPT = """
<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  if (doc.querySelector('meta[name="referrer"]')) return;
  const meta = doc.createElement('meta');
  meta.name = 'referrer';
  meta.content = 'no-referrer';
  doc.head.prepend(meta);
})();
</script>
"""


def install() -> None:
    """Called by app.py on every run (the browser may have reloaded); draws nothing visible."""
    st.html(_SCRIPT, unsafe_allow_javascript=True)
