"""The compact chain-health panel every workshop screen shows."""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.health import CheckResult
from pmo_insight.services.health import workshop_health


def health_panel(workshop_id: int, *, results: list[CheckResult] | None = None, expanded: bool = False) -> None:
    """One line per check, pass or warning, with the first few items at fault."""
    if results is None:
        results = web.call(workshop_health, workshop_id=workshop_id) or []
    passed = sum(r.ok for r in results)
    icon = "✅" if passed == len(results) else "🩺"
    with st.expander(f"{icon} {web.tr('health.title', passed=passed, total=len(results))}", expanded=expanded):
        for result in results:
            mark = "✅" if result.ok else "⚠️"
            st.markdown(f"{mark} {web.tr(f'health.{result.check}', count=len(result.faults))}")
            if result.faults:
                shown = [web.md(f.label) for f in result.faults[:3] if f.label]
                more = len(result.faults) - 3
                if shown:
                    st.caption(" · ".join(shown) + (f" {web.tr('health.more', count=more)}" if more > 0 else ""))
