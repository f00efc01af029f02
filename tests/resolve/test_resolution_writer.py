"""The resolver writes through one unit of work (store/resolution.py): all of a run, or none of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.resolve.engine import resolve
from dossier.resolve.judgements import judgements
from dossier.store.resolution import ResolutionWriter, reading
from tests.resolve.entity_factory import O, P, links, report, store_with

REPORTS = (report("a.txt", P("Yousef al-Haddad"), O("Harakat al-Sumud al-Watani", ["HSW"])),
           report("b.txt", P("Yusuf el-Haddad"), O("HSW")))


class Boom(Exception):
    pass


def test_a_failed_run_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    with store_with(tmp_path / "s.db", *REPORTS, resolve=False) as store:
        locals_ = sorted(r[0] for r in store.query("SELECT id FROM local_entities"))

        def record_then_fail(w: ResolutionWriter) -> None:
            w.record_judgement("split", locals_[0], locals_[1], None, None, (locals_[0],), (locals_[1],), None,
                               "2026-01-01T00:00:00Z", "tester", [(locals_[0], locals_[1])], [])
            raise Boom

        with pytest.raises(Boom):
            resolve(store, prepare=record_then_fail)
        assert links(store) == {} and judgements(store) == []
        assert reading(store).profile_document(locals_[0]) is None  # no profile, block or pair either

        stats = resolve(store)  # the next run resolves from scratch as if nothing had happened
        assert stats.full and stats.documents == 2 and set(links(store)) == set(locals_)
        r = reading(store)
        assert {r.entity_of(i) for i in locals_} == set(links(store).values())
        haddad = [i for i in locals_ if r.local_name(i) in ("Yousef al-Haddad", "Yusuf el-Haddad")]
        assert len({r.entity_of(i) for i in haddad}) == 1  # variants of one name: one entity
