"""Pieces every live screen shares: the watcher that redraws when the workshop changed, the
countdown every device shows alike, and the join link with its QR code.
"""

from __future__ import annotations

import base64
import io
import json
import os
from collections.abc import Callable
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

import segno
import streamlit as st

from pmo_insight import web
from pmo_insight.live.codes import join_path
from pmo_insight.live.state import aware
from pmo_insight.models import utcnow
from pmo_insight.persistence.revision import revision_of

#: Where phones reach this server when the projector's own address is not it (e.g. localhost).
PUBLIC_URL_ENV = "PMO_INSIGHT_PUBLIC_URL"


def watch(poll: Callable[[], int | None], drawn_revision: int, deadline: datetime | None, *, every: float) -> None:
    """Call ``poll`` (the workshop's revision: one primary-key look-up) every ``every`` seconds and
    rerun the page only when the revision moved, or when a running timebox reached zero since the
    page was drawn."""
    ran_out = ran_out_since_now(deadline)

    @st.fragment(run_every=every)
    def _poll() -> None:
        current = poll()
        if (current is not None and current != drawn_revision) or ran_out():
            st.rerun()

    _poll()


def ran_out_since_now(deadline: datetime | None) -> Callable[[], bool]:
    """Whether a running timebox has reached zero since this call (when the page was drawn)."""
    deadline = aware(deadline)
    over_now = deadline is not None and deadline <= utcnow()
    return lambda: deadline is not None and not over_now and deadline <= utcnow()


def workshop_revision(workshop_id: int) -> Callable[[], int | None]:
    """A facilitator screen's poll."""
    return lambda: web.call(revision_of, workshop_id=workshop_id)


def countdown(deadline: datetime | None, *, over_text: str, key: str, size: str = "2.2rem") -> None:
    """mm:ss to the stored deadline, ticking in the browser; the server's clock is the reference."""
    if deadline is None:
        return
    deadline_ms = int(aware(deadline).timestamp() * 1000)
    server_ms = int(utcnow().timestamp() * 1000)
    element = f"live-timer-{key}"
    st.html(
        f"""<div id="{element}" class="live-timer" style="font-size:{size};font-weight:700;
font-variant-numeric:tabular-nums">⏱️ --:--</div>
<script>
(() => {{
  const skew = {server_ms} - Date.now(), deadline = {deadline_ms}, over = {json.dumps(over_text)};
  window.__liveTimers = window.__liveTimers || {{}};
  clearInterval(window.__liveTimers["{element}"]);
  const tick = () => {{
    const el = document.getElementById("{element}");
    if (!el) return;
    const left = Math.max(0, Math.ceil((deadline - Date.now() - skew) / 1000));
    const text = left > 0
      ? "⏱️ " + String(Math.floor(left / 60)).padStart(2, "0") + ":" + String(left % 60).padStart(2, "0")
      : "⏱️ 00:00 · " + over;
    el.textContent = text;
    el.dataset.secondsLeft = String(left);
  }};
  tick();
  window.__liveTimers["{element}"] = setInterval(tick, 250);
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def public_base() -> str:
    """The address phones should open: the configured public URL, else the one this browser used."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (tests): fall back to a relative link
        url = ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def join_link(code: str) -> str:
    return public_base() + join_path(code)


@st.cache_data(show_spinner=False, max_entries=64)
def qr_image(link: str, alt: str, width: int) -> None:
    """The link's QR code as an image with ``alt`` as its text alternative (a screen reader reads it)."""
    data = base64.b64encode(qr_png(link)).decode("ascii")
    alt = escape(alt, quote=True)
    st.html(f'<img src="data:image/png;base64,{data}" alt="{alt}" width="{width}" height="{width}">')


def qr_png(text: str) -> bytes:
    """The link as a QR code, drawn locally (segno, no network), dark on white for a projector."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()
