"""The import contract and "no SQL outside store/" (docs/architecture.md), checked on every ``make test``.

Both checks start from an allowlist of the violations that existed when they were introduced (issue 14), kept
in pyproject.toml: the ``ignore_imports`` of each ``[[tool.importlinter.contracts]]`` and
``[tool.dossier.architecture] sql_allowed``. A new violation fails; so does a listed one that is gone, so the
lists only ever shrink, to empty.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO

SRC = REPO / "src" / "dossier"
STORE = SRC / "store"
# SQL as it is written in this code base: upper-case keywords in a string literal
SQL = re.compile(r"\bSELECT\s|\bFROM\s+\w+\s+WHERE\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|"
                 r"\bDELETE\s+FROM\b|\bCREATE\s+(TEMP\s+|VIRTUAL\s+|UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER)\b|"
                 r"\bDROP\s+(TABLE|INDEX|VIEW)\b|\bALTER\s+TABLE\b|\bPRAGMA\s+\w+|\bJOIN\s+\w+\s+(\w+\s+)?ON\b")


def _config() -> dict:  # type: ignore[type-arg]
    with open(REPO / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def _has_sql(path: Path) -> bool:
    """Whether a string literal of the module (f-strings included, docstrings not: prose may name a PRAGMA) is
    SQL."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return any(isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
               and SQL.search(node.value) for node in ast.walk(tree))


def test_the_sql_pattern_finds_sql_and_not_prose(tmp_path: Path) -> None:
    sql = tmp_path / "sql.py"
    sql.write_text('rows = store.query("SELECT id, name "\n    f"FROM entities {where}")\n', encoding="utf-8")
    prose = tmp_path / "prose.py"
    prose.write_text('"""Select the facts from the store where they are current; update the set."""\n'
                     '# SELECT * FROM t WHERE x  (a comment is not code)\n'
                     'def f() -> None:\n    """Reads ``PRAGMA data_version`` (a docstring is not code)."""\n',
                     encoding="utf-8")
    assert _has_sql(sql) and not _has_sql(prose)


def test_no_sql_outside_the_store() -> None:
    found = {p.relative_to(REPO).as_posix() for p in sorted(SRC.rglob("*.py"))
             if STORE not in p.parents and _has_sql(p)}
    allowed = set(_config()["tool"]["dossier"]["architecture"]["sql_allowed"])
    assert not found - allowed, f"SQL outside src/dossier/store/ (move it behind a store method): {found - allowed}"
    assert not allowed - found, ("no SQL left in these: delete them from [tool.dossier.architecture] sql_allowed "
                                 f"in pyproject.toml: {allowed - found}")
    assert any(_has_sql(p) for p in STORE.rglob("*.py"))  # the pattern still sees the store's own SQL


def test_import_contracts() -> None:
    """import-linter's contracts: the layers, the store as a leaf, the importer's vocabulary, no cycles.

    An ``ignore_imports`` line whose import no longer exists fails the contract (import-linter's default), so
    the allowlist cannot outlive the violation it excuses."""
    exe = Path(sys.executable).with_name("lint-imports")
    command = [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH"))
                                                        if p)}
    result = subprocess.run([*command, "--no-cache"], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    contracts = _config()["tool"]["importlinter"]["contracts"]
    assert {c["id"] for c in contracts} >= {"layers", "store-leaf", "no-cycles"}
    assert f"Contracts: {len(contracts)} kept, 0 broken." in result.stdout


def test_no_dead_code() -> None:
    """vulture over src/, with the tests, benchmarks, scripts and dev/vulture_whitelist.py as readers: a
    function, class, constant or attribute of the package that nothing uses fails (delete it)."""
    from vulture import Vulture

    options = _config()["tool"]["vulture"]
    v = Vulture(ignore_decorators=options["ignore_decorators"])
    v.scavenge([str(SRC), str(REPO / "tests"), str(REPO / "bench"), str(REPO / "scripts"),
                str(REPO / "dev" / "vulture_whitelist.py")])
    dead = [item.get_report() for item in v.get_unused_code(min_confidence=options["min_confidence"])
            if SRC in Path(item.filename).resolve().parents]
    assert not dead, "\n".join(dead)
