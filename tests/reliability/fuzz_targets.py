"""Fuzz targets (hypothesis) for what reads untrusted bytes: ``import`` (JSON and FtM), ingest's decoder and
its HTML path. Shared by the small in-CI run (tests/reliability/test_fuzz.py) and ``make fuzz`` (100,000
examples each: ``DOSSIER_FUZZ_EXAMPLES``). A target passes when no input raises anything but the documented
one-line rejection."""

from __future__ import annotations

import copy
import io
import json
import os
from functools import cache
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from dossier import pipeline
from dossier.exc import InputRejected
from dossier.extract.pipeline import extract
from dossier.importer import ftm as ftm_reader
from dossier.importer import json as json_reader
from dossier.importer.facts import ReadResult
from dossier.importer.overlay import overlay
from dossier.importer.run import IMPORT_LIMITS, prepare
from dossier.ingest.decode import decode
from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_bytes
from dossier.model import Document, Extraction

EXAMPLES = int(os.environ.get("DOSSIER_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 1000,
                suppress_health_check=list(HealthCheck))
REPORT = ("KARACHI, March 3, 2025 (Gulf Ledger) - Envoy Karim Nassar of the Sumud Front met Pakistani officials in "
          "Karachi on Monday. Nassar said the Sumud Front would return to the talks, police said.")

scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
           | st.sampled_from([1e400, -1e400, 10**30, -1, 0, 2**63, "", "\x00", "\u2028", "\x1b[31m", "doc_x"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


@cache
def base_extraction() -> Extraction:
    return extract(Document(Document.make_id(REPORT), REPORT, "karachi.txt"))


@cache
def base_exports() -> tuple[str, str]:
    """A real JSON export and a real FtM export of one report (built through a temporary store)."""
    import tempfile
    from pathlib import Path

    from dossier.export import ftm
    from dossier.export.json_export import write_json
    from dossier.export.select import Selection
    from dossier.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
        store.add_extraction(base_extraction())
        pipeline.resolve(store)
        js, fm = io.StringIO(), io.StringIO()
        write_json(store, js, include_text=True)
        ftm.write(Selection(store), fm)
    return js.getvalue(), fm.getvalue()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


def mutate(doc: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = new
    return doc


@st.composite
def mutated_json_exports(draw: st.DrawFn) -> str:
    base = json.loads(base_exports()[0])
    paths = _paths(base)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        base = mutate(base, path, draw(json_values))
        paths = _paths(base)
    return json.dumps(base, ensure_ascii=draw(st.booleans()), allow_nan=True)


@st.composite
def mutated_ftm_exports(draw: st.DrawFn) -> str:
    lines = base_exports()[1].split("\n")
    i = draw(st.integers(0, len(lines) - 1))
    how = draw(st.integers(0, 3))
    if how == 0 and lines[i].strip():
        entity = json.loads(lines[i])
        path = draw(st.sampled_from(_paths(entity)))
        lines[i] = json.dumps(mutate(entity, path, draw(json_values)), ensure_ascii=False)
    elif how == 1:
        lines[i] = draw(st.text(max_size=60))
    elif how == 2:
        cut = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:cut] + draw(st.sampled_from(["\u2028", "\r", "\x00", "\\", '"', "\x85"])) + lines[i][cut:]
    else:
        lines.insert(i, json.dumps(draw(json_values)))
    return "\n".join(lines)


def check_import(fmt: str, text: str) -> None:
    """Read, hold to ingest's rules and overlay: only one-line problems, never an exception."""
    reader = json_reader.read if fmt == "json" else ftm_reader.read
    result: ReadResult = reader("in.json", text)
    lines = list(result.problems)
    for item in result.documents:
        lines.extend(item.problems)
        prepared = prepare(item, IMPORT_LIMITS)
        if isinstance(prepared, str):
            lines.append(prepared)
            continue
        if prepared.document.text == REPORT:  # re-reading is the same pure function as at ingest: reuse it
            merged, problems = overlay(prepared, base_extraction())
            lines.extend(problems)
            assert merged.document.id == prepared.document.id
    for line in lines:
        assert isinstance(line, str) and "\n" not in line, repr(line)


def check_decode(data: bytes) -> None:
    d = decode(data)
    d.text.encode("utf-8", "surrogatepass")
    assert all("\n" not in w for w in d.warnings)


SMALL = Limits(parse_timeout=5.0)


def check_html(data: bytes) -> None:
    try:
        doc = parse_bytes(data, "page.html", "page.html", SMALL)
    except InputRejected as e:
        assert "\n" not in e.reason
        return
    doc.text.encode("utf-8")  # no lone surrogates
    assert "\x00" not in doc.text and "\x1b" not in doc.text


html_pieces = st.sampled_from([
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>",
    "</script>", "<!--", "-->", "<![CDATA[", "]]>", "<meta charset='cp1252'>", "<meta charset=utf-16>", "&amp;",
    "&#0;", "&#x1b;", "&#xD800;", "&#99999999;", "<article>", "<base href='file:///etc/passwd'>",
    "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/hostname'>]>", "&e;", "<svg onload=alert(1)>", "\x00", "\x1b[2J",
    "Karachi on Monday, officials said. ", "Nassar said the talks would resume. ", "\u2028", "\r\n",
])
html_documents = st.lists(html_pieces | st.text(max_size=20), max_size=40).map("".join).flatmap(
    lambda s: st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"]).map(
        lambda enc: s.encode(enc, errors="replace")))
