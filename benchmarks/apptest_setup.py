"""What tests/conftest.py does for every AppTest, for the benchmarks that time screens under AppTest.

Under AppTest no browser is connected, so Streamlit records no peer and the session would see only
the sign-in screen. The stand-in is the README's default start: the browser on the server's own
machine (a direct loopback peer with no proxy header); the app's own check still decides. And
every rerun goes through ``app.py``, as the real server runs it (AppTest would otherwise run a page
file alone from the second run on).
"""

from __future__ import annotations


def run_apptest_like_the_tests() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    from pmo_insight.ui.shell import gate

    gate.client_peer = lambda: gate.Peer("127.0.0.1", ())
    original_init = PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
