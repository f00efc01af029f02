"""CPU seconds of the ingest process's ``finish`` (dossier's components and records over shipped parses) alone.

``bench/profile_ingest.py`` times ``finish`` once, between the parse and resolution, where run-to-run noise on
a shared machine (±5–10 %) hides a cut of that size. This script parses the corpus of ``bench/throughput.py``
once and keeps the parses in a file (``dump``); ``time`` then runs ``finish`` over the same parses several
times in one process and prints the CPU seconds (``time.process_time``). Run ``time`` with two checkouts in
alternation, on one ``dump`` file, to compare them (the parses do not depend on dossier's records code).

Usage: python bench/finish_cpu.py dump FILE [--docs 300]
       python bench/finish_cpu.py time FILE [--docs 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("dump", "time"))
    ap.add_argument("file", type=Path)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from throughput import make_texts

    from dossier.model import Document

    texts = make_texts(args.docs)
    documents = [Document(Document.make_id(t), t, f"doc{i:05}.txt") for i, t in enumerate(texts)]
    if args.mode == "dump":
        from dossier.extract.parser import parse_chunks

        args.file.write_bytes(pickle.dumps(parse_chunks(documents), pickle.HIGHEST_PROTOCOL))
        return
    from dossier.extract.pipeline import prepare_finisher
    from dossier.extract.pool import finish_parse

    parses = pickle.loads(args.file.read_bytes())
    if len(parses) != len(documents):
        sys.exit(f"{args.file}: {len(parses)} parses for {len(documents)} documents (dump with the same --docs)")
    prepare_finisher()
    for document, parse in zip(documents[:20], parses[:20], strict=True):  # warm: first-use tables, caches
        finish_parse(document, parse)
    used = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        for document, parse in zip(documents, parses, strict=True):
            finish_parse(document, parse)
        used.append(time.process_time() - t0)
    print(f"finish, {len(documents)} documents: CPU s min {min(used):.2f}, median {statistics.median(used):.2f} "
          f"({' '.join(f'{u:.2f}' for u in used)})")


if __name__ == "__main__":
    main()
