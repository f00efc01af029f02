"""The ``model`` marker: which tests load the spaCy model, so that ``pytest -m "not model"`` is the fast run.

A test loads the model when it requests a fixture that ingests or parses (directly or through another fixture),
when its own code, or a helper of the tests or benchmarks that it calls, runs extraction, the ``ingest``,
``watch`` or ``import`` command or a web upload, or when it is a quality floor (``test_quality_*``: the
scorers run the pipeline on corpora). The rule is applied at collection (``mark_model_tests``);
``DOSSIER_CHECK_MODEL_MARKS=1`` checks it: a test without the marker that reaches the model then fails,
naming itself (``guard_unmarked``).
"""

from __future__ import annotations

import ast
import inspect
import os
import re
from collections.abc import Iterator
from types import FunctionType, ModuleType

import pytest

MODEL_FIXTURES = frozenset({"nlp", "example_db", "corpus_db", "export_db", "slice_db", "seeds_db"})
_MODEL_CODE = re.compile(
    r"\b(?:extract|extract_many|load_pipeline|load_parser|cached_parser|parse_chunks|finish|ExtractPool|"
    r"ingest_slice|ingest_texts|ingest_documents|nlp)\(|[\"'](?:ingest|watch|import)[\"']|"
    r"post\(\s*[\"']/api/documents"
)
_MAX_DEPTH = 4


def _ours(module: ModuleType) -> bool:
    """A module of the tests or the benchmarks (whose helpers are followed), not of the library or a package."""
    path = getattr(module, "__file__", None) or ""
    return any(part in path for part in ("/tests/", "/bench/"))


def _calls_model(func: object, module: ModuleType, seen: set[str], depth: int = 0) -> bool:
    """Whether ``func``'s source runs the model, or calls a function of its module that does."""
    try:
        source = inspect.getsource(func)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    if _MODEL_CODE.search(source):
        return True
    if depth >= _MAX_DEPTH:
        return False
    try:
        tree = ast.parse(inspect.cleandoc(source) if source.startswith((" ", "\t")) else source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in seen:
            seen.add(node.func.id)
            helper = getattr(module, node.func.id, None)
            home = inspect.getmodule(helper) if isinstance(helper, FunctionType) else None
            if home is not None and _ours(home) and _calls_model(helper, home, seen, depth + 1):
                return True
    return False


def _fixture_runs_model(item: pytest.Item, cache: dict[object, bool]) -> bool:
    """Whether a fixture in the test's closure runs the model in its own code (e.g. a module's ``run``)."""
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info is not None else ()):
        for fixdef in defs:
            func = fixdef.func
            if func not in cache:
                module = inspect.getmodule(func)
                cache[func] = module is not None and _calls_model(func, module, set())
            if cache[func]:
                return True
    return False


def mark_model_tests(items: list[pytest.Item]) -> None:
    cache: dict[object, bool] = {}
    for item in items:
        func = getattr(item, "function", None)
        module = getattr(item, "module", None)
        if (item.path.name.startswith("test_quality_")  # the scorers run the pipeline on corpora
                or MODEL_FIXTURES & set(getattr(item, "fixturenames", ()))
                or _fixture_runs_model(item, cache)
                or (func is not None and module is not None and _calls_model(func, module, set()))):
            item.add_marker(pytest.mark.model)


@pytest.fixture(autouse=True)
def guard_unmarked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """With ``DOSSIER_CHECK_MODEL_MARKS=1``, a test without the ``model`` marker may not reach the model."""
    if os.environ.get("DOSSIER_CHECK_MODEL_MARKS") != "1" or request.node.get_closest_marker("model"):
        yield
        return
    from dossier.extract import pipeline, pool

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} loads the spaCy model but is not marked `model`")

    for name in ("load_pipeline", "load_parser", "cached_parser"):
        monkeypatch.setattr(pipeline, name, refuse)
    monkeypatch.setattr(pool.ExtractPool, "__init__", refuse)
    yield
