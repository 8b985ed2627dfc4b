"""Process-wide tuning of the app server, applied once per process by ``app.py``."""

from __future__ import annotations

import gc
import os

#: Set to 0 to leave the start-up heap to the collector (to measure what freezing it buys).
FREEZE_ENV = "PMO_INSIGHT_GC_FREEZE"
_frozen = False


def freeze_start_up_heap() -> None:
    """Move every object alive after the app's first import (Streamlit, SQLAlchemy, pandas, Altair,
    the message catalogues) to the collector's permanent generation, once: later collections
    scan only what the runs themselves create. ``benchmarks/live_room.py`` measures the effect."""
    global _frozen
    if not _frozen and os.environ.get(FREEZE_ENV, "1") != "0":
        gc.collect()
        gc.freeze()
        _frozen = True
