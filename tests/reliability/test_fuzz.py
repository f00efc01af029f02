"""Fuzzing what reads untrusted input (issue 13): ``import`` (JSON, FtM), ingest's decoder and HTML path.

A few hundred examples per target in CI (seeded, so a failure is reproducible); ``make fuzz`` runs 100,000
(``DOSSIER_FUZZ_EXAMPLES``). Every target: no exception but the one-line rejection, no multi-line message.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.reliability.fuzz_targets import (
    FUZZ,
    base_exports,
    check_decode,
    check_html,
    check_import,
    html_documents,
    json_values,
    mutated_ftm_exports,
    mutated_json_exports,
)


@pytest.fixture(scope="module", autouse=True)
def _exports() -> None:
    base_exports()  # spaCy runs once, before hypothesis draws (it dislikes `random` used inside a strategy)


@FUZZ
@given(mutated_json_exports())
def test_fuzz_import_json_mutations(text: str) -> None:
    check_import("json", text)


@FUZZ
@given(st.one_of(json_values.map(json.dumps), st.text(max_size=200)))
def test_fuzz_import_json_anything(text: str) -> None:
    check_import("json", text)


@FUZZ
@given(mutated_ftm_exports())
def test_fuzz_import_ftm_mutations(text: str) -> None:
    check_import("ftm", text)


@FUZZ
@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_fuzz_decoder(data: bytes) -> None:
    check_decode(data)


@FUZZ
@given(html_documents)
def test_fuzz_html_path(data: bytes) -> None:
    check_html(data)
