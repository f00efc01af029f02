"""No date, headline or boilerplate ever becomes an entity, on every real text of the shared data folder: the
ISAF press releases (isaf/dev.jsonl), the MEANTIME Wikinews articles (rebuilt from their tokens) and the seed
reports. Skipped where the shared data folder is absent."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from dossier.extract.pipeline import extract_many
from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_input
from dossier.ingest.sources import InputRef
from dossier.model import Extraction

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "bench"))

_MONTHS = "jan feb mar apr may jun jul aug sep sept oct nov dec".split()
_MONTH = "(?:" + "|".join(_MONTHS) + ")"
_DATE_LIKE = re.compile(r"^" + _MONTH + r"[a-z]*\.?\s+\d{1,2}\b|^\d{1,2}\s+" + _MONTH + r"[a-z]*\b|^\d{4}-\d{2}-\d{2}$",
                        re.IGNORECASE)
_BOILERPLATE = {"immediate release", "news release", "press release", "pdf", "html"}


def _texts() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    isaf = SHARED / "data" / "isaf" / "dev.jsonl"
    if isaf.exists():
        for line in isaf.read_text(encoding="utf-8").split("\n"):  # not splitlines: texts hold U+2028
            if not line.strip():
                continue
            row = json.loads(line)
            out.append((f"isaf/{row['id']}", row["text"]))
    meantime = SHARED / "data" / "meantime"
    if any(meantime.glob("corpus_*/*.xml")):
        from score_meantime_entities import load_corpus

        out.extend((f"meantime/{a.name}", a.text) for a in load_corpus(meantime))
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        out.extend((f"seeds/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(seeds.iterdir()) if p.is_file())
    return out


@pytest.fixture(scope="module")
def extractions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Extraction]]:
    texts = _texts()
    if not texts:
        pytest.skip(f"no shared data under {SHARED}")
    tmp = tmp_path_factory.mktemp("real")
    docs = []
    for i, (_, text) in enumerate(texts):
        path = tmp / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        docs.append(parse_input(InputRef(source=path.name, path=str(path)), Limits()))
    return [(name, x) for (name, _), x in zip(texts, extract_many(docs), strict=True)]


def test_no_date_is_an_entity(extractions: list[tuple[str, Extraction]]) -> None:
    bad = [f"{n}: {e.type} {name!r}" for n, x in extractions for e in x.entities
           for name in (e.name, *e.aliases) if _DATE_LIKE.match(name)]
    assert not bad, "\n".join(bad[:20])


def test_no_headline_or_boilerplate_is_an_entity(extractions: list[tuple[str, Extraction]]) -> None:
    bad = []
    for n, x in extractions:
        title = (x.document.title or "").strip()
        for e in x.entities:
            for name in (e.name, *e.aliases):
                headline = sum(w.isalpha() for w in title.split()) >= 5  # not "ISAF Joint Command - Afghanistan"
                if name.casefold() in _BOILERPLATE or (headline and name.strip() == title):
                    bad.append(f"{n}: {e.type} {name!r}")
    assert not bad, "\n".join(bad[:20])


def test_demonyms_and_religions_are_groups(extractions: list[tuple[str, Extraction]]) -> None:
    words = {"afghan", "pakistani", "american", "european", "muslim", "muslims", "christian", "jihadi", "german"}
    bad = [f"{n}: {e.type} {e.name!r}" for n, x in extractions for e in x.entities
           if e.name.casefold() in words and str(e.type) != "group"]
    assert not bad, "\n".join(bad[:20])
