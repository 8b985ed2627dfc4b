"""Every screen is a thin page that runs inside app.py's shell and leaves the database to services."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "pages").glob("*.py"))
FORBIDDEN_IMPORTS = ("sqlmodel", "sqlalchemy", "sqlite3", "pmo_insight.persistence.db")


def _first_statement_that_draws(tree: ast.Module) -> ast.stmt:
    """The first statement that can put something on screen: not an import, definition or docstring."""
    quiet = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
    for statement in tree.body:
        is_docstring = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
        if not isinstance(statement, quiet) and not is_docstring:
            return statement
    raise AssertionError("the page draws nothing")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_each_page_first_makes_sure_it_runs_inside_the_app_shell(page):
    first = _first_statement_that_draws(ast.parse(page.read_text(encoding="utf-8")))

    assert ast.unparse(first) == "web.require_shell()"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_page_touches_the_database_directly(page):
    tree = ast.parse(page.read_text(encoding="utf-8"))
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]

    assert [m for m in imported if m.startswith(FORBIDDEN_IMPORTS)] == []


def test_there_is_a_page_to_check():
    assert any(p.name == "home.py" for p in PAGES)


def test_every_screen_in_the_navigation_is_documented_in_the_readme():
    from pmo_insight.i18n import t

    screens = re.findall(r'\("(pages/\w+\.py)", "(nav\.\w+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert len(screens) >= 7
    assert [t(key) for path, key in screens if f"**{t(key)}**" not in readme] == []
    assert [path for path, _ in screens if not (ROOT / path).exists()] == []
