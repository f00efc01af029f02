"""The schema script is split into statements the way SQLite reads it, not at every ';'."""

from __future__ import annotations

from dossier.store.script import statements


def test_a_semicolon_in_a_comment_does_not_end_a_statement() -> None:
    script = "-- derived; rebuilt by `dossier analyze`; kept up to date\nCREATE TABLE a (x TEXT);\n"
    assert [s.strip() for s in statements(script)] == [
        "-- derived; rebuilt by `dossier analyze`; kept up to date\nCREATE TABLE a (x TEXT);"]


def test_statements_strings_and_a_trailing_comment() -> None:
    script = "CREATE TABLE a (x TEXT DEFAULT ';');\nCREATE INDEX i ON a(x);\n-- the end; nothing more\n"
    assert [s.strip() for s in statements(script)] == [
        "CREATE TABLE a (x TEXT DEFAULT ';');", "CREATE INDEX i ON a(x);"]


def test_a_last_statement_without_a_semicolon_is_kept() -> None:
    assert [s.strip() for s in statements("CREATE TABLE a (x);\nCREATE TABLE b (y)")] == [
        "CREATE TABLE a (x);", "CREATE TABLE b (y)"]
