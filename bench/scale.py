"""Throughput on every core: ``dossier ingest --workers 1|2`` and ``dossier batch --cpus 1|2`` (Ray, local mode)
against bare spaCy on the same texts, in one run, as speeds relative to bare spaCy.

Phases, over the same N documents (the example and development reports, repeated with a distinguishing line,
as bench/throughput.py makes them), each repeated (default 2) and the median kept:

* ``spacy``     — bare ``spacy.load(MODEL).pipe(texts)`` in this process, model warm: the baseline;
* ``ingest-1``  — ``dossier ingest --workers 1`` run as a command (``python -m dossier``, as a user runs it:
  its start-up and imports are included): one spaCy parse process, records, writes and resolution in the
  ingest process (its workers load spaCy afresh: that start-up is included too);
* ``ingest-2``  — the same with two parse processes (the default on two CPUs);
* ``batch-1``   — ``dossier batch --cpus 1``: one extraction actor, shards, load into SQLite, resolution;
* ``batch-2``   — two actors. Ray itself is started once, after every other phase has run (its start-up is
  printed apart: a cluster starts once for many batches; and its idle daemons would otherwise take CPU from the
  ingest phases); the actors' spaCy load is included. The batch phases run in this process, through click's
  test runner, because they share the Ray session started here.

``speed`` is spaCy's seconds over the phase's: above 1, the phase is faster than single-process spaCy.
With ``--crossdoc`` it then runs bench/scale_crossdoc.py (the cross-document step on synthetic mentions) if
that file is present. The machine is shared: run it twice and compare the ratios, not the seconds.

Usage: python bench/scale.py [--docs 300] [--repeat 2] [--phases spacy,ingest-1,...] [--json]
       [--crossdoc [--crossdoc-sizes 1000000,10000000]]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PHASES = ("spacy", "ingest-1", "ingest-2", "batch-1", "batch-2")


STEPS: dict[str, list[dict[str, float]]] = {}  # batch phase -> the seconds of its steps, per run


def run_cli(*args: str) -> None:
    from click.testing import CliRunner

    from dossier.cli.main import cli

    result = CliRunner().invoke(cli, list(args))
    if result.exit_code != 0:
        import traceback

        why = result.output.strip() or "".join(traceback.format_exception(result.exception))[-3000:]
        raise SystemExit(f"dossier {' '.join(args[2:3])} failed: {why}")
    if args[2] == "batch":  # `batch -v` ends with "dossier: extract 12.3 s, load 1.2 s, resolve 0.8 s"
        line = result.output.strip().splitlines()[-1].removeprefix("dossier: ")
        steps = {k: float(v.removesuffix(" s")) for k, v in (part.split(" ", 1) for part in line.split(", "))}
        STEPS.setdefault(f"batch-{args[5]}", []).append(steps)


def run_command(*args: str) -> None:
    """``python -m dossier ARGS`` in a fresh process: the ingest phases are measured as a user runs them, start-up
    and imports included (an in-process run shares this process's interpreter, loaded model and collector with
    the baseline: on a loaded machine it came out 15-25 % slower than the command; idle, the two agree within
    the run-to-run noise of about 5 %)."""
    import os
    import subprocess

    env = dict(os.environ)
    src = str(Path(__file__).resolve().parent.parent / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run([sys.executable, "-m", "dossier", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"dossier {args[2]} failed: {(done.stderr or done.stdout).strip()[-3000:]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--phases", default=",".join(PHASES))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--crossdoc", action="store_true", help="then run bench/scale_crossdoc.py, when present")
    ap.add_argument("--crossdoc-sizes", default="1000000,10000000", help="its --sizes (mention counts)")
    args = ap.parse_args()
    phases = [p for p in args.phases.split(",") if p]
    import spacy
    from throughput import make_texts, run_spacy

    from dossier.extract.pipeline import MODEL

    texts = make_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(MODEL)
    ray_start = None
    times: dict[str, list[float]] = {p: [] for p in phases}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"doc{i:05}.txt").write_text(text, encoding="utf-8")
        run_spacy(bare, texts[:20])  # warm-up
        runs = 0

        def fresh_db() -> str:
            nonlocal runs
            runs += 1
            return f"{tmp}/run{runs}.db"

        actions: dict[str, Callable[[], None]] = {
            "spacy": lambda: run_spacy(bare, texts),
            "ingest-1": lambda: run_command("--db", fresh_db(), "ingest", "-q", "--workers", "1", str(folder)),
            "ingest-2": lambda: run_command("--db", fresh_db(), "ingest", "-q", "--workers", "2", str(folder)),
            "batch-1": lambda: run_cli("--db", fresh_db(), "batch", "-v", "--cpus", "1", str(folder)),
            "batch-2": lambda: run_cli("--db", fresh_db(), "batch", "-v", "--cpus", "2", str(folder)),
        }
        rounds = [[p for p in phases if not p.startswith("batch")], [p for p in phases if p.startswith("batch")]]
        for group in rounds:
            if group and group[0].startswith("batch"):
                from dossier.batch.ray_job import start

                t0 = time.perf_counter()
                start(None, 2)
                ray_start = time.perf_counter() - t0
            for _ in range(args.repeat):
                for phase in group:
                    t0 = time.perf_counter()
                    actions[phase]()
                    times[phase].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med.get("spacy")
    result = {
        "documents": len(texts), "words": words, "repeat": args.repeat,
        "ray_start_seconds": None if ray_start is None else round(ray_start, 2),
        "phases": {k: {"seconds": round(v, 2), "docs_per_s": round(len(texts) / v, 1),
                       "speed_vs_spacy": None if base is None else round(base / v, 3)} for k, v in med.items()},
        "runs": {k: [round(t, 2) for t in v] for k, v in times.items()},
        "batch_steps": {k: {step: round(statistics.median(r[step] for r in runs), 2) for step in runs[0]}
                        for k, runs in STEPS.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{len(texts)} documents, {words} words, median of {args.repeat}"
              + (f"; Ray started in {ray_start:.1f} s (not counted)" if ray_start is not None else ""))
        print(f"{'phase':10}{'seconds':>10}{'docs/s':>10}{'speed × spaCy':>16}")
        for k, v in result["phases"].items():  # type: ignore[union-attr]
            speed = v["speed_vs_spacy"]
            print(f"{k:10}{v['seconds']:10.2f}{v['docs_per_s']:10.1f}{'' if speed is None else f'{speed:16.2f}'}")
        for k, r in result["runs"].items():  # type: ignore[union-attr]
            print(f"  {k}: {r}")
        for k, steps in result["batch_steps"].items():  # type: ignore[union-attr]
            print(f"  {k} steps (median s): {steps}")
    if args.crossdoc:
        crossdoc = Path(__file__).resolve().parent / "scale_crossdoc.py"
        if not crossdoc.exists():
            print("bench/scale_crossdoc.py is not here: the cross-document part is not measured")
            return
        import runpy

        sys.argv = [str(crossdoc), "--sizes", args.crossdoc_sizes] + (["--json"] if args.json else [])
        runpy.run_path(str(crossdoc), run_name="__main__")


if __name__ == "__main__":
    main()
