"""Chart specs built once per data, not on every rerun.

Building an Altair chart and turning it into a Vega-Lite spec (which validates it against the
schema) costs more than drawing it. Chart inputs are immutable chain records, so the finished
spec is remembered by the builder and its arguments, and a rerun with the same data draws the
remembered spec (``st.vega_lite_chart``), skipping Altair entirely.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import altair as alt


def _hashable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


_SPECS: OrderedDict[Any, dict[str, Any]] = OrderedDict()
_LOCK = threading.Lock()
MAX_SPECS = 128


def chart_spec(builder: Callable[..., alt.TopLevelMixin], *args: Any, **kwargs: Any) -> dict[str, Any]:
    """``builder(*args, **kwargs).to_dict()``, computed once per distinct data; a copy the caller may keep."""
    key = (builder, _hashable(args), _hashable(kwargs))
    with _LOCK:
        spec = _SPECS.get(key)
        if spec is not None:
            _SPECS.move_to_end(key)
    if spec is None:
        spec = builder(*args, **kwargs).to_dict()
        with _LOCK:
            _SPECS[key] = spec
            while len(_SPECS) > MAX_SPECS:
                _SPECS.popitem(last=False)
    return copy.deepcopy(spec)
