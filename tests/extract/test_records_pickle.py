"""The records cross from the parse workers to the ingest process pickled as calls with their fields' values
(``model.records._pickled_by_fields``): a round trip must give equal records, whatever a report holds."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest

from dossier.extract.pipeline import extract_many
from dossier.model import records
from dossier.model.records import PICKLED_BY_FIELDS, Document, Rejection
from tests.conftest import EXAMPLES, make_document

pytestmark = pytest.mark.model  # extracts the example reports (the spaCy model loads): tests/conftest.py


def test_every_record_pickles_by_its_fields_and_builds_the_same_object() -> None:
    classes = {c for _, c in inspect.getmembers(records, inspect.isclass)
               if dataclasses.is_dataclass(c) and c.__module__ == records.__name__}
    assert classes == set(PICKLED_BY_FIELDS)
    for cls in classes:
        # cls(*values) rebuilds it only where every field is an argument of __init__ and nothing runs after it
        assert all(f.init for f in dataclasses.fields(cls)) and not hasattr(cls, "__post_init__")


def test_extractions_of_real_reports_survive_the_round_trip() -> None:
    paths = sorted(EXAMPLES.glob("*.txt"))
    documents = [make_document(p.read_text(encoding="utf-8"), source=p.name, publisher="Wire", title=p.stem)
                 for p in paths]
    extractions = list(extract_many(documents))
    assert sum(len(e.events) + len(e.relations) + len(e.claims) for e in extractions) > 0
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(extractions, protocol=protocol))
        assert back == extractions
        assert [type(e.document) for e in back] == [Document] * len(back)
    assert copy.deepcopy(extractions) == extractions
    assert pickle.loads(pickle.dumps(Rejection("a.txt", "empty"))) == Rejection("a.txt", "empty")
