"""Where an ingest's CPU goes, beyond spaCy: both halves of ``dossier ingest --workers N``, in CPU seconds.

The default ingest splits its work in two processes; this script runs each half in this process under
``cProfile`` with a CPU-time clock (``time.process_time``: the machine is shared, wall time is not the cost):

* ``spacy``  — bare ``nlp.pipe`` over the texts (batch 32): the yardstick;
* ``worker`` — what a parse worker does (``extract.pipeline.parse_chunks`` in batches of ``extract.pool.BATCH``:
  the model, ``dossier_line_breaks``, ``Doc.to_bytes``), plus pickling its results as the pool ships them;
* ``main``   — what the ingest process does with those parses: unpickling, ``finish`` (``Doc.from_bytes``,
  dossier's components, records), one transaction per document, resolution in increments and at the end as
  ``dossier ingest`` spaces them (``RESOLVE_EVERY``), and the analysis refresh.

It prints the CPU seconds of each part, its ratio to ``spacy``, and the top functions of each profile (by
cumulative and by own time). ``--out DIR`` keeps the ``.prof`` files (``python -m pstats``, snakeviz).

With the start-up of each process (fresh interpreters: bare spaCy's, a parse worker's, the ingest process's)
it prints the best speed an ingest could reach on two idle cores from these CPU seconds: the floor under
bench/scale.py's ratios.

Usage: python bench/profile_ingest.py [--docs 300] [--top 25] [--out DIR] [--no-cprofile] [--no-starts]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pickle
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def profiled(name: str, fn: Callable[[], Any], out: Path | None, top: int) -> tuple[float, Any]:
    prof = cProfile.Profile(time.process_time)
    t0 = time.process_time()
    result = prof.runcall(fn)
    used = time.process_time() - t0
    if out is not None:
        prof.dump_stats(str(out / f"{name}.prof"))
    if top:
        for key in ("cumulative", "tottime"):
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
            lines = buf.getvalue().splitlines()
            start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
            print(f"\n--- {name}: top {top} by {key} ---")
            print("\n".join(lines[start:]))
    return used, result


STARTS = {  # what each process loads before its first document, in a fresh interpreter
    "start: bare spaCy": "import spacy; spacy.load({model!r})",
    "start: parse worker": "from dossier.extract.pool import _init_worker; _init_worker()",
    "start: ingest process": "import dossier.cli.main, dossier.analyze.refresh, dossier.resolve.engine; "
                             "from dossier.extract.pool import prepare_finishing; prepare_finishing()",
}


def start_cpu(code: str) -> float:
    """CPU seconds (user + system) of a fresh ``python -c code``, the median of three."""
    import resource
    import statistics
    import subprocess

    used = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(used)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--no-cprofile", action="store_true",
                    help="the unprofiled CPU seconds only (for a sampling profiler: py-spy record -- python ...)")
    ap.add_argument("--no-starts", action="store_true", help="skip the start-up costs (fresh processes)")
    args = ap.parse_args()
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    import spacy
    from throughput import make_texts, run_spacy

    from dossier import pipeline
    from dossier.cli.ingest_cmd import RESOLVE_EVERY
    from dossier.extract.pipeline import MODEL, cached_parser, parse_chunks
    from dossier.extract.pool import BATCH, finish_parse, prepare_finishing
    from dossier.model import Document, Rejection
    from dossier.store import SQLiteStore

    texts = make_texts(args.docs)
    documents = [Document(Document.make_id(t), t, f"doc{i:05}.txt") for i, t in enumerate(texts)]
    bare = spacy.load(MODEL)
    run_spacy(bare, texts[:20])  # warm-up, as throughput.py
    cached_parser()
    parse_chunks(documents[:2])
    prepare_finishing()  # as the ingest process does: the finisher's tables, then gc.freeze()

    def worker() -> list[bytes]:
        return [pickle.dumps(parse_chunks(documents[i:i + BATCH]), pickle.HIGHEST_PROTOCOL)
                for i in range(0, len(documents), BATCH)]

    cpu: dict[str, float] = {}
    t0 = time.process_time()
    run_spacy(bare, texts)
    cpu["spacy"] = time.process_time() - t0
    t0 = time.process_time()
    shipped = worker()
    cpu["worker"] = time.process_time() - t0
    if not args.no_cprofile:
        cpu["worker (profiled)"], _ = profiled("worker", worker, args.out, args.top)

    stage: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.process_time()
        try:
            return fn()
        finally:
            stage[name] = stage.get(name, 0.0) + time.process_time() - t0

    def main_half(db: str, blobs: int | None = None) -> None:
        from dossier.analyze.refresh import refresh
        from dossier.resolve import engine

        with SQLiteStore(db) as store:
            unresolved, resolved, i = 0, 0, 0
            for blob in shipped[:blobs]:
                parses = timed("unpickle", lambda b=blob: pickle.loads(b))
                for parse in parses:
                    result = timed("finish", lambda p=parse, d=documents[i]: finish_parse(d, p))
                    i += 1
                    if isinstance(result, Rejection):
                        continue
                    timed("commit", lambda r=result: pipeline.commit(store, r))
                    unresolved += 1
                if unresolved >= max(RESOLVE_EVERY, resolved // 2):
                    timed("resolve", lambda: engine.resolve(store))
                    resolved, unresolved = resolved + unresolved, 0
            timed("resolve", lambda: engine.resolve(store))
            timed("refresh", lambda: refresh(store))

    with tempfile.TemporaryDirectory() as tmp:
        main_half(f"{tmp}/warm.db", 1)  # imports first (a long ingest amortises them); then timed
        stage.clear()
        t0 = time.process_time()
        main_half(f"{tmp}/timed.db")
        cpu["main"] = time.process_time() - t0
        print("\nmain process, unprofiled CPU seconds by stage: "
              + ", ".join(f"{k} {v:.2f}" for k, v in stage.items()))
        if not args.no_cprofile:
            cpu["main (profiled)"], _ = profiled("main", lambda: main_half(f"{tmp}/profile.db"), args.out,
                                                 args.top)
    if not args.no_starts:
        for name, code in STARTS.items():
            cpu[name] = start_cpu(code.format(model=MODEL))
    print(f"\n{len(texts)} documents, {sum(len(t.split()) for t in texts)} words; CPU seconds (process_time, "
          f"unprofiled; cProfile inflates Python-heavy parts more than spaCy's compiled code)")
    for name, used in cpu.items():
        print(f"{name:22}{used:8.2f} s  {used / cpu['spacy']:5.2f}× spaCy")
    total = cpu["worker"] + cpu["main"]
    print(f"{'total':22}{total:8.2f} s  {total / cpu['spacy']:5.2f}× spaCy (worker + main, without start-up)")
    if not args.no_starts:
        base = cpu["spacy"] + cpu["start: bare spaCy"]
        main_cpu = cpu["main"] + cpu["start: ingest process"]
        for workers in (1, 2):
            each = cpu["worker"] / workers + cpu["start: parse worker"]
            whole = workers * each + main_cpu
            wall = max(whole / 2, each, main_cpu)  # two cores, and no process faster than its own CPU time
            print(f"ingest --workers {workers}: {whole:.2f} CPU-s, {whole / base:.2f}× cold bare spaCy's {base:.2f}; "
                  f"on 2 idle cores at best {wall:.2f} s, i.e. {cpu['spacy'] / wall:.2f}× the speed of warm "
                  f"single-process spaCy (bench/scale.py's yardstick)")


if __name__ == "__main__":
    main()
