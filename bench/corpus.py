"""Load a gold-labelled corpus (reports + gold JSON, see docs/gold-format.md) for the scorers and benchmarks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_input
from dossier.ingest.sources import InputRef
from dossier.model import Document

REPO = Path(__file__).resolve().parents[1]
CORPORA = {"examples": REPO / "examples", "dev": REPO / "dev"}


@dataclass(frozen=True)
class GoldDocument:
    name: str
    document: Document
    gold: dict[str, Any]


def load_document(path: Path) -> Document:
    return parse_input(InputRef(source=str(path.relative_to(REPO)), path=str(path)), Limits())


def load_corpus(name: str) -> list[GoldDocument]:
    base = CORPORA[name]
    out = []
    for gold_path in sorted((base / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        candidates = sorted((base / "reports").glob(gold_path.stem + ".*"))
        if not candidates:
            raise SystemExit(f"{gold_path}: no report named {gold_path.stem}.* in {base / 'reports'}")
        out.append(GoldDocument(gold_path.stem, load_document(candidates[0]), gold))
    return out


def all_texts() -> list[str]:
    return [g.document.text for name in CORPORA for g in load_corpus(name)]
