"""The portfolio as a PMO head or an executive opens it through a portfolio link: read-only."""

from pmo_insight import web
from pmo_insight.ui.portfolio import link_view

web.require_shell()
link_view.show()
