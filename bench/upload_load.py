"""A web upload to a large store while readers keep reading (issue 13: "a web upload finishes in under 5 s while 8
readers keep p95 under 100 ms").

Starts ``dossier serve`` (writable, with a token) on a *copy* of a store of 10,000 reports (``--db``, or made once
with ``bench/event_scale.py``'s generator: short reports, 50 recurring people; ``--big`` takes
``bench/big_store.py``'s richer store instead), waits for the index, then runs ``--clients`` reader threads with
keep-alive connections (entity card, neighbourhood, search, as ``bench/api_latency.py``) for a warm-up window,
uploads one new report through ``POST /api/documents`` and keeps reading until ``--after`` seconds past the
answer. Two uploads, one after the other: a report of new people, then one about two of the store's recurring
people. Reports, as JSON: each upload's wall time to its answer (and its steps, as the server reports them), the
readers' p50/p95 before, during and after each, and whether its entities are found through the API afterwards
(card and search).

Usage: python bench/upload_load.py [--db STORE] [--big] [--reports 10000] [--clients 8] [--warmup 15] [--after 10]
       [--uploads 2] [--src PATH]   (the dossier source the server runs: measure another checkout with --src ITS/src)
Target: upload_s < 5 and during.p95_ms < 100.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from api_latency import pct, wait_up, workloads  # noqa: E402
from event_scale import reports  # noqa: E402

from dossier.serve.harness import free_port  # noqa: E402

TARGET_UPLOAD_S = 5.0
TARGET_P95_MS = 100.0
# first a report unlike the store's (new people, a new place: its entities are new and searchable afterwards),
# then one about two of its recurring people (their facts, hundreds of reports each, are rebuilt)
UPLOADS = (("new-people.txt", "Zubair Khanzada met Rashid Tanoli in Gilgit on April 2, 2025, police said. Khanzada, "
            "a senior official of the Gilgit Traders Association, later visited Abbottabad.\n"),
           ("recurring-people.txt", "Ahmed Qureshi held talks with Bilal Malik in Multan on April 3, 2025, "
            "officials said in a later statement.\n"))


def make_store(n: int, seed: int, work: Path) -> Path:
    """A store of ``n`` short reports (``event_scale.reports``), ingested with the real ``dossier ingest``."""
    folder = work / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(reports(n, seed)):
        (folder / f"r{i:05d}.txt").write_text(text, encoding="utf-8")
    db = work / "made.db"
    subprocess.run([sys.executable, "-m", "dossier", "--db", str(db), "ingest", str(folder)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def summary(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1),
            "max_ms": round(max(ms), 1)}


class Readers:
    """``clients`` threads reading until stopped; each request is kept with its start time."""

    def __init__(self, loads: dict[str, list[str]], clients: int, seed: int) -> None:
        self.loads, self.clients, self.seed = loads, clients, seed
        self.samples: list[tuple[float, float, str]] = []  # (start, ms, kind)
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(clients)]

    def _run(self, i: int) -> None:
        rng = random.Random(self.seed + i)
        kinds = sorted(self.loads)
        mine: list[tuple[float, float, str]] = []
        with httpx.Client(timeout=300) as client:
            while not self._stop.is_set():
                kind = rng.choice(kinds)
                t = time.perf_counter()
                try:
                    status = client.get(rng.choice(self.loads[kind])).status_code
                except httpx.HTTPError as e:  # a timeout counts, with its time
                    status = type(e).__name__
                ms = (time.perf_counter() - t) * 1000
                if status != 200:
                    with self._lock:
                        self.errors.append(f"{kind}: {status}")
                mine.append((t, ms, kind))
        with self._lock:
            self.samples.extend(mine)

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join()

    def window(self, lo: float, hi: float) -> dict[str, float]:
        return summary([ms for t, ms, _k in self.samples if lo <= t < hi])


def visible(base: str, answer: dict[str, object]) -> dict[str, object]:
    """Whether the uploaded report's entities are served: each entity's card, and a search for its name."""
    entities = answer.get("entities") or []
    assert isinstance(entities, list)
    cards = searches = 0
    with httpx.Client(timeout=60) as client:
        for e in entities:
            if client.get(f"{base}/api/entities/{e['id']}").status_code == 200:
                cards += 1
            hits = client.get(f"{base}/api/search", params={"q": e["name"]}).json().get("items", [])
            if any(h.get("id") == e["id"] for h in hits):
                searches += 1
        doc = client.get(f"{base}/api/documents/{answer['document']}").status_code
    return {"entities": len(entities), "names": sorted(str(e["name"]) for e in entities), "cards_found": cards,
            "found_by_search": searches, "document_found": doc == 200}


def load_avg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="a store to copy (default: made with event_scale's generator)")
    ap.add_argument("--big", action="store_true", help="use bench/big_store.py's richer store (built once)")
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--warmup", type=float, default=15.0, help="seconds of reading before the upload")
    ap.add_argument("--after", type=float, default=10.0, help="seconds of reading after the upload's answer")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--uploads", type=int, default=2, choices=(1, 2), help="1: only the report of new people")
    ap.add_argument("--src", type=Path, default=HERE.parent / "src", help="the dossier source the server runs")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="upload-load-") as tmp:
        work = Path(tmp)
        if args.db:
            source = args.db
        elif args.big:
            from big_store import build

            source = build(args.reports)
        else:
            source = make_store(args.reports, 3, work)
        db = work / "store.db"
        shutil.copyfile(source, db)  # never the original: the upload writes
        token = secrets.token_urlsafe(24)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(args.src)}
        proc = subprocess.Popen([sys.executable, "-m", "dossier", "--db", str(db), "serve", "--port", str(port),
                                 "--token", token], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_up(base, proc, timeout=600)
            t = time.perf_counter()
            health = httpx.get(f"{base}/api/health", timeout=600).json()
            index_s = time.perf_counter() - t
            deadline = time.monotonic() + 600
            while not httpx.get(f"{base}/api/health", timeout=60).json().get("upload_ready", True):
                if time.monotonic() > deadline:  # the server started with the store: its writer loads spaCy
                    raise SystemExit("the writer worker did not get ready")
                time.sleep(1)
            loads = workloads(base, args.seed)
            readers = Readers(loads, args.clients, args.seed)
            readers.start()
            time.sleep(args.warmup)
            start = time.perf_counter()
            uploads, spans = [], []
            for name, text in UPLOADS[:args.uploads]:
                t0 = time.perf_counter()
                r = httpx.post(f"{base}/api/documents", params={"name": name}, content=text.encode(),
                               headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"},
                               timeout=900)
                t1 = time.perf_counter()
                time.sleep(args.after)
                if r.status_code != 201:
                    raise SystemExit(f"upload failed: HTTP {r.status_code} {r.text[:300]}")
                answer = r.json()
                spans.append((t0, t1, time.perf_counter()))
                uploads.append({"report": name, "upload_s": round(t1 - t0, 2), "status": answer["status"],
                                "index": answer.get("index"), "steps_s": answer.get("seconds"),
                                "refresh": answer.get("refresh"), "visible": visible(base, answer)})
            readers.stop()  # the readers' samples are gathered when they stop
            before = readers.window(start - args.warmup, start)
            for u, (t0, t1, t2) in zip(uploads, spans, strict=True):
                u["readers_during"], u["readers_after"] = readers.window(t0, t1), readers.window(t1, t2)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    result = {
        "store": {"documents": health["documents"], "entities": health["entities"], "events": health["events"],
                  "source": "--db" if args.db else "big_store" if args.big else "event_scale"},
        "src": str(args.src), "clients": args.clients, "cpus": os.cpu_count(), "load_avg_at_end": load_avg(),
        "first_index_s": round(index_s, 1), "readers_before": before, "reader_errors": len(readers.errors),
        "uploads": uploads,
    }
    result["meets"] = {u["report"]: {
        "upload_under_5s": u["upload_s"] < TARGET_UPLOAD_S,
        "p95_during_under_100ms": bool(u["readers_during"].get("n")) and u["readers_during"]["p95_ms"] < TARGET_P95_MS,
        "entities_visible": u["visible"]["entities"] > 0 and u["visible"]["cards_found"] == u["visible"]["entities"],
    } for u in uploads}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
