"""API latency on loopback for a store of 10,000 reports: entity card, neighbourhood, search.

The server runs as ``dossier serve`` in its own process (uvicorn, read-only); this process is the client. First the
time to the first answer (the per-generation index is built then), then each endpoint alone (sequential requests:
p50/p95), then all three mixed under concurrent load (``--clients`` threads with keep-alive connections:
requests/s and p50/p95). Entities are sampled with a seeded RNG, so runs are comparable.

Usage: python bench/api_latency.py [--reports 10000] [--requests 300] [--clients 8] [--seconds 20]
Target (docs/web.md): p95 under 100 ms for the entity card and search.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_store import build  # noqa: E402

from dossier.serve.harness import free_port  # noqa: E402

TARGET_MS = 100.0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(pct(ms, 95), 2),
            "max_ms": round(max(ms), 2)}


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "dossier", "--db", str(db), "serve", "--port", str(port), "--read-only"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            httpx.get(f"{base}/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def workloads(base: str, seed: int) -> dict[str, list[str]]:
    """Request URLs per endpoint: entities sampled across the popularity range, search prefixes of their names."""
    rng = random.Random(seed)
    ids: list[dict[str, object]] = []
    offset = 0
    while True:
        page = httpx.get(f"{base}/api/entities", params={"limit": 500, "offset": offset}, timeout=60).json()
        ids.extend(page["items"])
        offset += 500
        if offset >= page["total"] or offset >= 20_000:
            break
    sample = rng.sample(ids, min(200, len(ids))) + ids[:20]  # the most mentioned are the heaviest cards
    names = [str(e["name"]) for e in sample]
    return {
        "entity card": [f"{base}/api/entities/{e['id']}" for e in sample],
        "neighbourhood": [f"{base}/api/entities/{e['id']}/neighbourhood" for e in sample],
        "search": [f"{base}/api/search?q={n[:rng.randint(2, 6)]}" for n in names],
    }


def timed(client: httpx.Client, url: str) -> float:
    t = time.perf_counter()
    r = client.get(url)
    elapsed = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{url}: HTTP {r.status_code} {r.text[:200]}")
    return elapsed


def sequential(urls: list[str], n: int, rng: random.Random) -> list[float]:
    with httpx.Client(timeout=60) as client:
        for u in urls[:5]:
            timed(client, u)  # warm-up
        return [timed(client, rng.choice(urls)) for _ in range(n)]


def concurrent(loads: dict[str, list[str]], clients: int, seconds: float, seed: int) -> dict[str, object]:
    results: dict[str, list[float]] = {k: [] for k in loads}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    kinds = list(loads)

    def worker(i: int) -> None:
        rng = random.Random(seed + i)
        mine: dict[str, list[float]] = {k: [] for k in kinds}
        with httpx.Client(timeout=60) as client:
            while time.monotonic() < stop:
                kind = rng.choice(kinds)
                mine[kind].append(timed(client, rng.choice(loads[kind])))
        with lock:
            for k, v in mine.items():
                results[k].extend(v)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    total = sum(len(v) for v in results.values())
    return {"clients": clients, "seconds": round(wall, 1), "requests": total, "requests_per_s": round(total / wall, 1),
            "by_endpoint": {k: summary(v) for k, v in results.items() if v}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--db", type=Path, help="an existing store (default: bench/big_store.py's, built once)")
    ap.add_argument("--requests", type=int, default=300, help="sequential requests per endpoint")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    db = args.db or build(args.reports)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port)
    try:
        wait_up(base, proc)
        t = time.perf_counter()
        health = httpx.get(f"{base}/api/health", timeout=600).json()
        first_ms = (time.perf_counter() - t) * 1000
        loads = workloads(base, args.seed)
        rng = random.Random(args.seed)
        seq = {k: summary(sequential(v, args.requests, rng)) for k, v in loads.items()}
        load = concurrent(loads, args.clients, args.seconds, args.seed)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    result = {"store": str(db), "documents": health["documents"], "entities": health["entities"],
              "relations": health["relations"], "events": health["events"], "cpus": os.cpu_count(),
              "index_build_ms": round(first_ms), "sequential": seq, "concurrent": load}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    ok: Callable[[str], bool] = lambda k: seq[k]["p95_ms"] < TARGET_MS  # noqa: E731
    verdict = all(ok(k) for k in ("entity card", "search"))
    print(f"p95 < {TARGET_MS:.0f} ms for entity card and search: {'yes' if verdict else 'NO'}", file=sys.stderr)
    sys.exit(0 if verdict else 1)


if __name__ == "__main__":
    main()
