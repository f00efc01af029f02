"""Induce the open class of role nouns from Re-DocRED's development half (``make roles``).

For every gold fact that a person belongs to, works for, leads or founded an organisation (P463, P102, P108,
P54, P488, P286, P112) and whose two entities share a sentence, the noun that stands in a title slot between
them is collected:

* "<org> (<adjective>) <noun> <person>"          ("Chelsea boss Frank Lampard")
* "<person> , a|an|the ... <noun> of|at|for|with <org>" ("X, the head coach of Y")
* "<person> is|was|became a|an|the ... <noun> of|at|for|with <org>"

A word is kept when the tagger reads it as a common noun there and it occurs in at least ``MIN_DOCS``
documents. Only half ``a`` (bench/score_redocred.py's
split by title hash) is read, so half ``b`` stays held out for scoring. The output is deterministic (sorted) and
written to ``src/dossier/data/relation_roles_induced.txt``; ``extract/relations/open_roles`` reads it.

Usage: python bench/induce_roles.py [--min-docs 2] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_redocred import DATA, half_of  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from dossier.extract.pipeline import load_parser  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "dossier" / "data" / "relation_roles_induced.txt"
FORWARD = {"P463", "P102", "P108", "P54"}  # person → organisation
BACKWARD = {"P488", "P286", "P112"}  # organisation → person
PREPS = {"of", "at", "for", "with"}
DETS = {"a", "an", "the"}
COPULAS = {"is", "was", "became", "becomes", "remains", "served", "serves"}
MIN_DOCS = 1


def _lemma(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _slot_nouns(sent: list[str], person: tuple[int, int], org: tuple[int, int]) -> list[str]:
    out = []
    ps, pe = person
    os_, _ = org
    gap = sent[org[1]:ps]
    if org[1] < ps and 1 <= len(gap) <= 2 and all(w.isalpha() and w.islower() for w in gap):
        out.append(gap[-1])  # "<org> <noun> <person>"
    if pe < os_ and os_ - pe <= 8:
        mid = sent[pe:os_]
        if mid and mid[-1] in PREPS and len(mid) >= 3 and (mid[0] == "," or mid[0] in COPULAS):
            body = mid[1:-1]
            if body and body[0] in DETS:
                noun = body[-1]
                if noun.isalpha() and noun.islower():
                    out.append(noun)
    return out


def induce(min_docs: int = MIN_DOCS, data: Path = DATA) -> dict[str, int]:
    raw = json.loads((data / "dev_revised.json").read_text(encoding="utf-8"))
    nlp = load_parser()  # the tagger decides what is a noun
    docs_of: dict[str, set[str]] = defaultdict(set)
    for doc in raw:
        if half_of(doc["title"]) != "a":
            continue
        vs = doc["vertexSet"]
        for lab in doc["labels"]:
            if lab["r"] in FORWARD:
                p, o = lab["h"], lab["t"]
            elif lab["r"] in BACKWARD:
                p, o = lab["t"], lab["h"]
            else:
                continue
            for pm in vs[p]:
                if pm["type"] != "PER":
                    continue
                for om in vs[o]:
                    if om["sent_id"] != pm["sent_id"]:
                        continue
                    words = doc["sents"][pm["sent_id"]]
                    nouns = _slot_nouns(words, tuple(pm["pos"]), tuple(om["pos"]))
                    if not nouns:
                        continue
                    tagged = nlp(Doc(nlp.vocab, words=words))
                    for noun in nouns:
                        if any(t.text == noun and t.tag_ in {"NN", "NNS"} for t in tagged):
                            docs_of[_lemma(noun)].add(doc["title"])
    return {w: len(d) for w, d in sorted(docs_of.items()) if len(d) >= min_docs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-docs", type=int, default=MIN_DOCS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not (DATA / "dev_revised.json").exists():
        sys.exit(f"Re-DocRED not found at {DATA} (set DOSSIER_REDOCRED)")
    words = induce(args.min_docs)
    lines = ["# Role nouns induced by bench/induce_roles.py (make roles) from half a of Re-DocRED dev;",
             "# lemma<TAB>documents. Read by extract/relations/open_roles.py. Regenerate, do not edit.",
             *(f"{w}\t{n}" for w, n in words.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} role nouns → {args.out.name}")


if __name__ == "__main__":
    main()
