"""How every AG Grid on the shared screen looks and speaks: projector-sized type and the UI language.

The app's stylesheet cannot reach inside the grid's iframe, so size and font are given to the grid
through its own theme parameters, and its built-in texts ("No Rows To Show"…) through ``localeText``.
"""

from __future__ import annotations

from st_aggrid import StAggridTheme

from pmo_insight import web

#: The app's body text (1.05rem at baseFontSize 17): grid cells and headers are no smaller.
GRID_FONT_PX = 18
ROW_HEIGHT = 46
HEADER_HEIGHT = 50
#: AG Grid's own texts a facilitator can meet in an editable grid without filters or paging.
LOCALE_KEYS = (
    "noRowsToShow", "loadingOoo", "loadingError", "true", "false", "blanks", "selectAll", "ariaChecked",
    "ariaUnchecked", "ariaRowSelect", "ariaRowDeselect", "ariaRowSelectAll", "ariaRowToggleSelection",
)  # fmt: skip


def grid_theme() -> StAggridTheme:
    """A light theme built on Balham with the app's colour and projector-sized text, no web font."""
    return (
        StAggridTheme(base="balham")
        .withParams(
            fontSize=GRID_FONT_PX,
            headerFontSize=GRID_FONT_PX,
            fontFamily="Source Sans Pro, Noto Sans CJK SC, Noto Sans, sans-serif",
            accentColor="#1f5fbf",
            headerFontWeight=600,
        )
        .withParts("iconSetQuartzRegular")
    )


def locale_text() -> dict[str, str]:
    """The grid's built-in texts in the session's language."""
    return {key: web.tr(f"grid.locale.{key}") for key in LOCALE_KEYS}
