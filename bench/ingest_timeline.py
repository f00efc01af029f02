"""Where a real ``dossier ingest`` spends its CPU and its wall time, process by process (Linux only).

``bench/profile_ingest.py`` runs each half of an ingest in one process; this script runs the command itself
(``python -m dossier ingest -q --workers N`` over the corpus of ``bench/throughput.py``, in a fresh store) and
samples ``/proc`` every 50 ms for the whole process tree: the ingest process, the parse workers, the file
readers (and their forkserver), multiprocessing's resource tracker. It prints, per process, its CPU seconds
(user + system), when it started and when it last used CPU, and for the ingest process the CPU before the first
parse came back (start-up), while the parse workers ran, and after the last of them was done (the tail), where
nothing overlaps it. It also counts the documents committed (a read-only look at the store every 0.5 s) and gives
the steady-state rate: documents per second between the first commit and the last, where no start-up and no
tail counts (a window inside that span misleads: the ingest process commits in bursts between resolution runs).
``--spacy`` times bare ``nlp.pipe`` (batch 32, warm, in this process) on the same
texts just before each ingest, so that both rates can be compared as a same-run ratio. CPU seconds are the cost;
the wall times depend on the machine's load (print ``uptime``).

Usage: python bench/ingest_timeline.py [--docs 400] [--workers 2] [--repeat 1] [--spacy] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TICK = os.sysconf("SC_CLK_TCK")
_POLL = 0.05


@dataclass
class Proc:
    pid: int
    parent: int
    role: str
    first_seen: float
    cpu: float = 0.0
    last_busy: float = 0.0  # wall time (since the start) when its CPU last grew
    vm_peak_mib: float = 0.0  # its largest address space (a parse worker's RLIMIT_AS is 2 GiB)
    samples: list[tuple[float, float]] = field(default_factory=list)  # (wall, cpu) at each change


def _stat(pid: int) -> tuple[int, float] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK  # ppid, utime + stime


def _vm_peak(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _role(pid: int, root: int, parent_role: str | None) -> str:
    if pid == root:
        return "ingest process"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "resource_tracker" in cmd:
        return "resource tracker"
    if "forkserver" in cmd:
        return "read worker" if parent_role == "read forkserver" else "read forkserver"
    if "spawn_main" in cmd:
        return "parse worker"
    return "other"


def _committed(db: str) -> int | None:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return None


def sample(args: list[str], env: dict[str, str], db: str,
           commits: list[tuple[float, int]]) -> tuple[float, dict[int, Proc]]:
    """Run ``args``; follow its process tree until it exits; return its wall time and each process's record;
    append (wall time, documents committed) to ``commits`` every 0.5 s."""
    t0 = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    procs: dict[int, Proc] = {}
    root = child.pid
    next_count = 0.0
    while True:
        now = time.perf_counter() - t0
        alive = child.poll() is None
        if now >= next_count and (n := _committed(db)) is not None:
            commits.append((now, n))
            next_count = now + 0.5
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
        for pid in pids:
            stat = _stat(pid)
            if stat is None:
                continue
            ppid, cpu = stat
            if pid not in procs:
                if pid != root and ppid not in procs:
                    continue
                parent_role = procs[ppid].role if ppid in procs else None
                procs[pid] = Proc(pid, ppid, _role(pid, root, parent_role), now)
            proc = procs[pid]
            if proc.role in ("?", "other") and pid != root:  # the command line is set just after the fork
                proc.role = _role(pid, root, procs[ppid].role if ppid in procs else None)
            if proc.role == "parse worker":
                proc.vm_peak_mib = max(proc.vm_peak_mib, _vm_peak(pid))
            if cpu > proc.cpu:
                proc.cpu = cpu
                proc.last_busy = now
                proc.samples.append((now, cpu))
        if not alive:
            break
        time.sleep(_POLL)
    wall = time.perf_counter() - t0
    if child.returncode not in (0, None):
        raise SystemExit(f"ingest failed: {child.stderr.read().decode()[-2000:] if child.stderr else ''}")
    return wall, procs


def _cpu_at(proc: Proc, when: float) -> float:
    before = [cpu for t, cpu in proc.samples if t <= when]
    return before[-1] if before else 0.0


def _done(proc: Proc) -> float:
    """When a parse worker finished its last parse: its CPU within 0.1 s of its total (it uses a little more
    to shut down, when the ingest ends)."""
    return next((t for t, cpu in proc.samples if cpu >= proc.cpu - 0.1), proc.last_busy)


def _steady(commits: list[tuple[float, int]], total: int) -> tuple[float, float, float] | None:
    """(from, to, documents per second) from the first commit seen to the last of ``total``."""
    a = next(((t, n) for t, n in commits if n > 0), None)
    b = next(((t, n) for t, n in commits if n >= total), None)
    if a is None or b is None or b[0] <= a[0]:
        return None
    return a[0], b[0], (b[1] - a[1]) / (b[0] - a[0])


def summarise(wall: float, procs: dict[int, Proc], commits: list[tuple[float, int]],
              total: int) -> dict[str, object]:
    main = next(p for p in procs.values() if p.role == "ingest process")
    workers = [p for p in procs.values() if p.role == "parse worker"]
    done = max((_done(p) for p in workers), default=0.0)
    first = next((t for t, n in commits if n > 0), None)
    steady = _steady(commits, total)
    roles: dict[str, float] = {}
    for p in procs.values():
        roles[p.role] = roles.get(p.role, 0.0) + p.cpu
    return {
        "wall_s": round(wall, 2),
        "cpu_s": {k: round(v, 2) for k, v in sorted(roles.items())},
        "cpu_total_s": round(sum(roles.values()), 2),
        "parse_workers_done_at_s": round(done, 2),
        "workers_cpu_s": [round(p.cpu, 2) for p in workers],
        "workers_vm_peak_mib": [round(p.vm_peak_mib) for p in workers],
        "workers_busy_from_to_s": [(round(p.first_seen, 2), round(_done(p), 2)) for p in workers],
        "ingest_process_tail_s": round(wall - done, 2),
        "ingest_process_cpu_in_tail_s": round(main.cpu - _cpu_at(main, done), 2),
        "first_commit_s": None if first is None else round(first, 2),
        "ingest_process_cpu_to_first_commit_s": None if first is None else round(_cpu_at(main, first), 2),
        "last_commit_s": round(next((t for t, n in commits if n >= total), wall), 2),
        "steady_docs_per_s": None if steady is None else round(steady[2], 2),
        "steady_from_to_s": None if steady is None else (round(steady[0], 2), round(steady[1], 2)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--spacy", action="store_true", help="time bare spaCy on the same texts before each ingest")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from throughput import make_texts, run_spacy

    texts = make_texts(args.docs)
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parent.parent / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    runs = []
    bare = None
    if args.spacy:
        import spacy

        from dossier.extract.parser import MODEL

        bare = spacy.load(MODEL)
        run_spacy(bare, texts[:20])  # warm-up
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"doc{i:05}.txt").write_text(text, encoding="utf-8")
        for r in range(args.repeat):
            spacy_s = None
            if bare is not None:
                t0 = time.perf_counter()
                run_spacy(bare, texts)
                spacy_s = time.perf_counter() - t0
            db = f"{tmp}/run{r}.db"
            cmd = [sys.executable, "-m", "dossier", "--db", db, "ingest", "-q",
                   "--workers", str(args.workers), str(folder)]
            commits: list[tuple[float, int]] = []
            wall, procs = sample(cmd, env, db, commits)
            run = summarise(wall, procs, commits, len(texts))
            if spacy_s is not None:
                run["spacy_s"] = round(spacy_s, 2)
                run["speed_vs_spacy"] = round(spacy_s / wall, 3)
                if run["steady_docs_per_s"] is not None:
                    rate = float(run["steady_docs_per_s"])  # type: ignore[arg-type]
                    run["steady_speed_vs_spacy"] = round(rate / (len(texts) / spacy_s), 3)
            runs.append(run)
    if args.json:
        print(json.dumps(runs, indent=2))
        return
    for run in runs:
        print(f"{args.docs} reports, --workers {args.workers}: {run['wall_s']} s wall, "
              f"{run['cpu_total_s']} CPU-s in all")
        for role, cpu in run["cpu_s"].items():  # type: ignore[attr-defined]
            print(f"  {role:18}{cpu:8.2f} CPU-s")
        print(f"  parse workers: CPU {run['workers_cpu_s']}, busy from/to {run['workers_busy_from_to_s']} s, "
              f"peak address space {run['workers_vm_peak_mib']} MiB")
        print(f"  ingest process alone after the last parse: {run['ingest_process_tail_s']} s wall, "
              f"{run['ingest_process_cpu_in_tail_s']} CPU-s")
        print(f"  first commit at {run['first_commit_s']} s (ingest process: "
              f"{run['ingest_process_cpu_to_first_commit_s']} CPU-s by then), last at {run['last_commit_s']} s; "
              f"steady state {run['steady_docs_per_s']} docs/s over {run['steady_from_to_s']} s")
        if "spacy_s" in run:
            print(f"  bare spaCy {run['spacy_s']} s: ingest {run['speed_vs_spacy']}x spaCy, "
                  f"steady state {run.get('steady_speed_vs_spacy')}x")


if __name__ == "__main__":
    main()
