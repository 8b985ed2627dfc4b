"""Translations: both catalogues hold the same keys, and every key the code uses exists."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from pmo_insight import models
from pmo_insight.domain.health import CHECKS
from pmo_insight.domain.problems import PYDANTIC_TO_KEY
from pmo_insight.errors import FieldProblem, StaleVersion, ValidationFailed
from pmo_insight.i18n import LANGUAGES, catalogue, catalogue_files, error_message, language_from_locale, t
from pmo_insight.services.workshops import TOOLS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "pmo_insight").rglob("*.py"))]
LITERAL_KEY = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_and_chinese_catalogues_have_the_same_keys_in_the_same_files():
    for en_file in catalogue_files("en"):
        zh_file = en_file.parent.parent / "zh" / en_file.name
        assert set(json.loads(en_file.read_text("utf-8"))) == set(json.loads(zh_file.read_text("utf-8"))), en_file.name
    assert [p.name for p in catalogue_files("en")] == [p.name for p in catalogue_files("zh")]


def test_no_key_is_defined_in_two_catalogue_files():
    keys = [key for path in catalogue_files("en") for key in json.loads(path.read_text("utf-8"))]

    assert len(keys) == len(set(keys))


def test_each_translation_uses_the_same_placeholders_in_both_languages():
    en, zh = catalogue("en"), catalogue("zh")

    assert [key for key in en if _placeholders(en[key]) != _placeholders(zh.get(key, ""))] == []


def test_every_literal_key_used_in_the_code_exists():
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}

    used |= set(re.findall(r'"(nav\.[a-z_]+)"', (ROOT / "app.py").read_text(encoding="utf-8")))
    assert used, "the pattern found no keys: the test would pass vacuously"
    assert sorted(used - set(catalogue("en"))) == []


def test_every_key_built_at_run_time_exists():
    dynamic = {f"tool.{tool}" for tool in TOOLS} | {f"progress.{tool}" for tool in TOOLS}
    dynamic |= {f"health.{check}" for check in CHECKS} | {f"language.{code}" for code in LANGUAGES}
    dynamic |= {f"entity.{table}" for table in models.SQLModel.metadata.tables}
    dynamic |= set(PYDANTIC_TO_KEY.values())
    for schema in (m for m in vars(models).values() if isinstance(m, type) and issubclass(m, models.Input)):
        dynamic |= {f"field.{name}" for name in schema.model_fields}

    assert sorted(dynamic - set(catalogue("en"))) == []


def test_the_browser_locale_picks_the_language():
    assert language_from_locale("zh-CN") == "zh"
    assert language_from_locale("zh_TW") == "zh"
    assert language_from_locale("en-GB") == "en"
    assert language_from_locale("fr-FR") == "en"
    assert language_from_locale(None) == "en"


def test_a_validation_error_names_each_field_in_the_users_language():
    error = ValidationFailed([FieldProblem("title", "error.too_long", {"max": 200})])

    assert "Title: at most 200 characters." in error_message(error, "en")
    assert "标题：最多 200 个字符。" in error_message(error, "zh")


def test_a_stale_version_says_someone_else_changed_it_and_to_reload():
    message = error_message(StaleVersion("persona", 3), "en")

    assert "changed by someone else" in message and "reload" in message and "persona" in message


def test_an_unknown_language_falls_back_to_english_and_an_unknown_key_shows_itself():
    assert t("nav.home", "fr") == "Home"
    assert t("no.such.key", "zh") == "no.such.key"
