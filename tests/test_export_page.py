"""The export screen under AppTest: the download buttons give real files, and a backup restores."""

from __future__ import annotations

import io
import json

import pytest
import streamlit.testing.v1.app_test as app_test_module
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from pmo_insight.services import workshops
from tests.apptest import open_page


class RecordingMediaFileManager(MediaFileManager):
    """AppTest's media manager, kept so a test can run a deferred download as a click would."""

    last: RecordingMediaFileManager | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        RecordingMediaFileManager.last = self

    def file_name(self, file_id: str) -> str:
        return self._deferred_callables[file_id]["filename"]

    def download(self, file_id: str) -> bytes:
        url = self.execute_deferred(file_id)
        return self._storage.get_file(url.rsplit("/", 1)[-1]).content


@pytest.fixture
def app(app_db, monkeypatch) -> AppTest:
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingMediaFileManager)
    return open_page()


def _with_demo(app: AppTest) -> AppTest:
    app.button(key="load_demo").click().run()
    app.switch_page("pages/export.py").run()
    assert not app.exception, app.exception
    return app


def _titles(app_db) -> list[str]:
    return [title for _, title in app_db.run(workshops.list_workshop_titles)]


def test_without_a_workshop_the_screen_points_to_home_and_still_offers_restore(app):
    app.switch_page("pages/export.py").run()

    assert not app.exception
    assert "Home page" in app.info[0].value
    assert not app.get("download_button")
    assert app.button(key="restore").disabled


def test_there_is_one_download_button_per_format_with_its_file_name(app):
    app = _with_demo(app)

    buttons = app.get("download_button")

    assert [b.proto.label for b in buttons] == ["⬇️ Slide deck (.pptx)", "⬇️ Report (.md)", "⬇️ Backup (.json)"]
    names = [RecordingMediaFileManager.last.file_name(b.proto.deferred_file_id) for b in buttons]
    assert [name.rsplit(".", 1)[-1] for name in names] == ["pptx", "md", "json"]
    assert names[0].endswith("-en.pptx")


def test_the_deck_button_downloads_a_deck_in_the_chosen_language_with_the_chosen_personas(app):
    app = _with_demo(app)
    app.radio(key="export_lang").set_value("zh").run()
    persona_select = next(m for m in app.multiselect if m.key.startswith("export_personas"))
    first = persona_select.options[0]
    persona_select.set_value([persona_select.value[0]]).run()

    deck_button = app.get("download_button")[0]
    deck = Presentation(io.BytesIO(RecordingMediaFileManager.last.download(deck_button.proto.deferred_file_id)))

    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[1] == "追踪一个痛点：从感受到KPI"  # the renderer spaces Chinese from Latin itself
    assert [t for t in titles if t.startswith("附录：人物角色")] == [f"附录：人物角色：{first.split(' ', 1)[1]}"]
    assert RecordingMediaFileManager.last.file_name(deck_button.proto.deferred_file_id).endswith("-zh.pptx")


def test_the_backup_button_downloads_a_file_that_the_restore_section_turns_into_a_new_workshop(app, app_db):
    app = _with_demo(app)
    backup_button = app.get("download_button")[2]
    backup = RecordingMediaFileManager.last.download(backup_button.proto.deferred_file_id)

    app.file_uploader(key="restore_file").set_value(("backup.json", backup, "application/json")).run()
    app.button(key="restore").click().run()

    assert not app.exception
    assert len(_titles(app_db)) == 2
    assert any("restored as the new workshop" in s.value for s in app.success)
    assert json.loads(backup)["workshop"]["title"] in _titles(app_db)


def test_a_broken_backup_is_refused_on_screen_and_nothing_is_added(app, app_db):
    app = _with_demo(app)

    app.file_uploader(key="restore_file").set_value(("cut.json", b'{"format": "pmo-insight-wor', "application/json"))
    app.run()
    app.button(key="restore").click().run()

    assert any("cannot be restored" in e.value and "not valid JSON" in e.value for e in app.error)
    assert len(_titles(app_db)) == 1
