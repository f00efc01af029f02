"""ISAF press releases (dev): the event type each release reports, and its killed and captured counts.

Gold: ``../shared/data/isaf/dev.jsonl`` (override with ``DOSSIER_ISAF``), one release a line with a hand
annotation (README there). Each release is extracted alone with ``dossier.extract``.

- **type found**: for each (release, gold type) pair, whether an extracted event of the release has a CAMEO
  category the gold type maps to (docs/events.md): ``detention`` → 173 (arrest, detain); ``insurgentskilled``
  → a violent event (CAMEO 18/19/20) or one reporting killed; ``captureandkill`` → both of those;
  ``airstrike`` → 195 (employ aerial weapons); ``civiliancasualty`` → a violent event or one reporting killed
  or wounded; ``exchangeoffire`` → 19 (fight). Also reported per release (every gold type found).
- **counts exact**: where the gold min_killed / min_captured is above zero, whether the release's extracted
  total (``release_count``: the counts of its events added, a telling repeated in the same words once) equals it.

Usage: python bench/score_isaf_events.py [--json PATH] [--errors N] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("DOSSIER_ISAF", REPO.parent / "shared" / "data" / "isaf" / "dev.jsonl"))
VIOLENT = frozenset({"18", "19", "20"})


def _found(gold_type: str, events: list[Any]) -> bool:
    from dossier.extract.events.taxonomy import root

    violent = any(root(e.category) in VIOLENT or (e.count("killed") or 0) > 0 for e in events)
    arrest = any(e.category == "173" or (e.count("arrested") or 0) > 0 for e in events)
    if gold_type == "detention":
        return arrest
    if gold_type == "insurgentskilled":
        return violent
    if gold_type == "captureandkill":
        return violent and arrest
    if gold_type == "airstrike":
        return any(e.category == "195" for e in events)
    if gold_type == "civiliancasualty":
        return violent or any((e.count("wounded") or 0) > 0 for e in events)
    if gold_type == "exchangeoffire":
        return any(root(e.category) == "19" for e in events)
    raise ValueError(f"unknown ISAF event type {gold_type!r}")


def release_count(events: list[Any], kind: str) -> int:
    """The release's total: its events' counts added, a telling repeated in another event's words (same number,
    same noun: "two suspected insurgents" in the lead and in the body) once."""
    seen: dict[tuple[int, str], int] = {}  # key -> the event that told it
    total = 0
    for n, e in enumerate(events):
        for c in e.counts:
            key = (c.value, c.evidence.text.split()[-1].lower().rstrip(".,"))
            # within one event the extractor has already decided ("several insurgents", then "several more
            # insurgents" are two groups); only another event's telling in the same words is a repeat
            if c.kind == kind and seen.setdefault(key, n) == n:
                total += c.value
    return total


def score(rows: list[dict[str, Any]], errors: int = 0) -> dict[str, Any]:
    from dossier.extract.pipeline import extract
    from dossier.model import Document

    c: Counter[str] = Counter()
    examples: list[str] = []
    for row in rows:
        text, gold = row["text"], row["gold"]
        ex = extract(Document(id=row["id"], text=text, source=f"isaf/{row['id']}"))
        events = list(ex.events)
        types = [t for t in ";".join(gold.get("event_type") or []).split(";") if t]
        all_found = True
        for t in types:
            ok = _found(t, events)
            c["type_pairs"] += 1
            c["type_found"] += ok
            c[f"type_pairs:{t}"] += 1
            c[f"type_found:{t}"] += ok
            all_found &= ok
            if not ok and len(examples) < errors:
                examples.append(f"{row['id']} missing {t}: {text[:300]!r}")
        if types:
            c["releases"] += 1
            c["releases_all_found"] += all_found
        for kind, key in (("killed", "min_killed"), ("arrested", "min_captured")):
            want = int(gold.get(key) or 0)
            if want <= 0:
                continue
            got = release_count(events, kind)
            c[f"{kind}_gold"] += 1
            c[f"{kind}_exact"] += got == want
            if got != want and len(examples) < errors:
                examples.append(f"{row['id']} {kind} {got} != {want}: {text[:300]!r}")

    def div(a: str, b: str) -> float:
        return round(c[a] / c[b], 4) if c[b] else 0.0

    per_type = {k.split(":", 1)[1]: div(f"type_found:{k.split(':', 1)[1]}", k)
                for k in sorted(c) if k.startswith("type_pairs:")}
    out: dict[str, Any] = {
        "releases": len(rows), "counts": dict(sorted(c.items())),
        "type": {"found": div("type_found", "type_pairs"), "releases_all_found": div("releases_all_found", "releases"),
                 "per_type": per_type},
        "killed": {"exact": div("killed_exact", "killed_gold")},
        "captured": {"exact": div("arrested_exact", "arrested_gold")},
    }
    if errors:
        out["errors"] = examples
    return out


def read_rows(path: Path = DATA) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            print(f"{path.name}:{number}: skipped, not JSON ({exc.msg})", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not DATA.is_file():
        print(f"ISAF dev not found at {DATA} (set DOSSIER_ISAF)", file=sys.stderr)
        return 2
    rows = read_rows()
    if args.limit:
        rows = rows[: args.limit]
    result = score(rows, args.errors)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
