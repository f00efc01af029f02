"""The learned second source of relations (``extract/relations/learned.py``, docs/relations.md): the weights
ship in the package and load, scoring is deterministic, the model finds a tie the rules miss in a sentence
written here (not in Re-DocRED), and the training target runs (a smoke run on a few documents of half a)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import pytest

from dossier.extract.pipeline import extract
from dossier.extract.relations import learned
from dossier.model import Document

REPO = Path(__file__).resolve().parents[2]


def _extract(text: str) -> tuple[set[tuple[str, str, str, str]], list[str]]:
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    names = {e.id: e.name for e in x.entities}
    return ({(names[r.subject], r.predicate, names[r.object], r.extractor) for r in x.relations},
            [r.id for r in x.relations])


def test_the_weights_ship_in_the_package_and_are_small() -> None:
    path = resources.files("dossier.data").joinpath(learned.MODEL_FILE)
    assert path.is_file()
    assert len(path.read_bytes()) < 3_000_000
    model = learned.load_model()
    assert model is not None
    assert model.classes == learned.GROUPS
    assert set(model.thresholds) == set(learned.THRESHOLD_KEYS)
    assert len(model.weights) > 1000


def test_a_malformed_weight_row_is_refused() -> None:
    with pytest.raises(ValueError, match="one value per class"):
        learned.parse_model({"classes": ["none", "family"], "bias": [0, 0], "weights": {"t:x": [1.0]},
                             "thresholds": {"family": 0.5}})


def test_scoring_is_deterministic() -> None:
    model = learned.load_model()
    assert model is not None
    feats = tuple(sorted(model.weights))[:50]
    assert model.probabilities(feats) == model.probabilities(feats)
    text = ("Lake Varnell is a reservoir near the hamlet of Oakridge Falls. The Oakridge Falls Dam lies on "
            "the Tamsin River, north of Grenford, Ontario.")
    assert _extract(text) == _extract(text)


SENTENCES = [
    # written for this test: no Re-DocRED document has these names or this wording
    # (session 17: the rules now read "the town of Kiruna in the far north of Sweden"; a comma hides it from them)
    ("Lake Osmund is a glacial lake close to the mining town of Kiruna, in the far north of Sweden.",
     ("Kiruna", "located_in", "Sweden")),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_the_model_finds_a_tie_the_rules_miss(text: str, expected: tuple[str, str, str]) -> None:
    got, _ = _extract(text)
    assert (*expected, "relations/model") in got


def test_without_weights_the_rules_stand_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    text, expected = SENTENCES[0]
    monkeypatch.setattr(learned, "load_model", lambda: None)
    got, _ = _extract(text)
    assert not any(r[3] == "relations/model" for r in got)
    assert (*expected, "relations/model") not in got


def test_training_smoke_run(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(REPO / "bench"))
    from score_redocred import DATA

    if not (Path(DATA) / "dev_revised.json").exists():
        pytest.skip("Re-DocRED is not in ../shared/data (set DOSSIER_REDOCRED)")
    out = tmp_path / "model.json.gz"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO / "bench")])}
    run = subprocess.run([sys.executable, str(REPO / "bench" / "train_relation_model.py"), "--limit", "6",
                          "--folds", "2", "--out", str(out)], env=env, capture_output=True, text=True,
                         timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    data = json.loads(gzip.decompress(out.read_bytes()))
    model = learned.parse_model(data)
    assert model.classes == learned.GROUPS
    assert data["trained"]["data"] == "Re-DocRED dev half a" and data["trained"]["documents"] == 6
    assert "pair instances" in run.stdout and "cross R" in run.stdout
    assert 0.0 <= data["trained"]["cv_within"]["cross_recall"] <= 1.0
    again = tmp_path / "again.json.gz"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "train_relation_model.py"), "--limit", "6",
                          "--folds", "2", "--out", str(again)], env=env, capture_output=True, text=True,
                         timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert again.read_bytes() == out.read_bytes()  # same data, same weights and thresholds, byte for byte


def test_thresholds_are_chosen_for_the_whole() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from train_relation_model import best_thresholds

    curves = {  # (threshold, true, added) of each group's additions under cross-validation
        "located_in": [(0.5, 30, 40), (0.7, 18, 20), (1.01, 0, 0)],  # 0.75, 0.9
        "family": [(0.5, 7, 10), (0.9, 2, 2), (1.01, 0, 0)],  # 0.7, 1.0
        "affiliation": [(0.3, 5, 10), (1.01, 0, 0)],  # 0.5: below the floor whatever the others
        "part_of": [(0.6, 0, 0), (1.01, 0, 0)],  # nothing added at any threshold: stays off
    }
    th = best_thresholds(curves, target=0.75, floor=0.6)
    # 30 + 7 true of 50 added (0.74) misses the target; 30 + 2 of 42 (0.76) reaches it with the most true
    assert th == {"located_in": 0.5, "family": 0.9, "affiliation": 1.01, "part_of": 1.01}
    assert best_thresholds(curves, target=0.95, floor=0.6) == {
        "located_in": 1.01, "family": 0.9, "affiliation": 1.01, "part_of": 1.01}
    # a group that says something about people must be as precise as its own floor: family at 0.7 or 1.0
    # passes 0.6 but at 0.85 only its 1.0 point remains; located_in keeps the default floor
    th = best_thresholds(curves, target=0.7, floor=0.6, group_floors={"family": 0.85})
    assert th["family"] == 0.9 and th["located_in"] == 0.5
    assert best_thresholds(curves, target=0.7, floor=0.6)["family"] == 0.5


def test_nested_cross_validation_scores_thresholds_on_unseen_folds() -> None:
    """The thresholds of each fold are chosen on the other folds' additions: a fold whose additions only look
    precise at a threshold the others do not support is scored at the others' threshold."""
    sys.path.insert(0, str(REPO / "bench"))
    from train_relation_model import nested, tally

    fact = ("located_in", 0, 1)
    # per document: options (probability, threshold key, subject, object, predicate, outcome)
    marked = {k: [((0.99, "located_in", "s", "o", "located_in", ("located_in", k, 1)),),
                  ((0.4, "located_in", "s2", "o2", "located_in", "fp" if k % 2 else ("located_in", k, 2)),)]
              for k in range(4)}
    assert tally(marked, {"located_in": 0.3}) == {"located_in": [6, 8]}
    assert tally(marked, {"located_in": 0.3}, keep=lambda k: k % 2 == 0) == {"located_in": [4, 4]}
    # one gold fact added twice (two names of one entity) counts once, as the scorer counts it
    twice = {0: [((0.9, "located_in", "a", "b", "located_in", fact),),
                 ((0.8, "located_in", "c", "b", "located_in", fact),)]}
    assert tally(twice, {"located_in": 0.5}) == {"located_in": [1, 1]}
    groups = ("located_in",)
    # two folds: fold 0 (documents 0, 2) has only true additions, fold 1 (1, 3) half false below 0.99
    tp, n = nested(marked, 0.85, groups, folds=2, rounds=0)  # the single best combination on the others
    # fold 0 is scored at fold 1's threshold (0.975: below it half is false), fold 1 at fold 0's (0.4: every
    # addition there looked true), where fold 1's low additions are false
    assert (tp, n) == (2 + 2, 2 + 4)


def test_threshold_search_is_exhaustive() -> None:
    """The search over the groups in order finds what trying every combination finds (the same choice on ties:
    the fewest additions, then the highest thresholds)."""
    import itertools
    import random

    sys.path.insert(0, str(REPO / "bench"))
    from train_relation_model import best_thresholds

    def brute(curves: dict[str, list[tuple[float, int, int]]], target: float) -> dict[str, float]:
        options = [sorted((p for p in pts if p[2] == 0 or p[1] >= 0.6 * p[2]), reverse=True) for pts in curves.values()]
        best, th = (-1, 0), {g: 1.01 for g in curves}
        for combo in itertools.product(*options):
            tp, n = sum(c[1] for c in combo), sum(c[2] for c in combo)
            if (n == 0 or tp >= target * n) and (tp, -n) > best:
                best, th = (tp, -n), {g: c[0] for g, c in zip(curves, combo, strict=True)}
        return th

    rnd = random.Random(3)
    for _ in range(40):
        curves = {}
        for g in ("located_in", "seat", "family"):
            tp = n = 0
            points = [(1.01, 0, 0)]
            for v in (0.9, 0.8, 0.7, 0.6, 0.5):  # lower thresholds add more, some of it false
                tp, n = tp + (k := rnd.randint(0, 4)), n + k + rnd.randint(0, 2)
                points.append((v, tp, n))
            curves[g] = points
        for target in (0.7, 0.8, 0.85):
            assert best_thresholds(curves, target, 0.6) == brute(curves, target)


def _views(seed: int, views: int = 6, docs: int = 80) -> list[dict[int, list[tuple]]]:
    """Place-in-place additions of ``docs`` documents as ``views`` cross-validations would score them: each pair's
    chance of being true rises with its probability (the shape of the cross-validated curve, flat around the
    target over a broad range of thresholds), and each partition's models put it a little higher or lower."""
    import random

    rnd = random.Random(seed)
    pairs = [(k, j, rnd.uniform(0.3, 1.0)) for k in range(docs) for j in range(rnd.randint(0, 3))]
    truth = [rnd.random() < 0.45 + 0.5 * q for _, _, q in pairs]
    out = []
    for _ in range(views):
        marked: dict[int, list[tuple]] = {k: [] for k in range(docs)}
        for (k, j, q), true in zip(pairs, truth, strict=True):
            p = round(min(0.999, max(0.0, q + rnd.gauss(0, 0.08))), 3)
            what = ("located_in", k, j) if true else "fp"
            marked[k].append(((p, "located_in", f"s{j}", "o", "located_in", what),))
        out.append(marked)
    return out


def test_pooled_median_thresholds_are_steadier_than_one_partitions_best() -> None:
    """The single best threshold of one cross-validation follows its partition's models (0.6 to 0.7 over six
    partitions here, as located_in went 0.625 to 0.775 over six partitions of half a); pooled over two
    partitions and taken as the median over bootstrap resamples, it moves less, the same on every run."""
    sys.path.insert(0, str(REPO / "bench"))
    from train_relation_model import choose

    views = _views(2)
    groups = ("located_in",)
    single = [choose(v, 0.85, groups, rounds=0)["located_in"] for v in views]
    pools = [{(0, k): x for k, x in views[a].items()} | {(1, k): x for k, x in views[a + 1].items()}
             for a in (0, 2, 4)]
    pooled = [choose(u, 0.85, groups)["located_in"] for u in pools]
    assert max(single) - min(single) >= 0.1
    assert max(pooled) - min(pooled) < max(single) - min(single)
    assert choose(pools[0], 0.85, groups) == choose(pools[0], 0.85, groups)


def test_repeated_partitions_are_deterministic_and_balanced() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from train_relation_model import _doc, partition

    assert partition(7, 5, 0) == [0, 1, 2, 3, 4, 0, 1]  # the first is by document order, as before
    again = partition(260, 5, 1)
    assert again == partition(260, 5, 1) and again != partition(260, 5, 0)
    assert sorted(Counter(again).values()) == [52] * 5
    assert _doc((1, 17)) == 17 and _doc(17) == 17


def _always_located(threshold: float = 0.5) -> learned.RelationModel:
    """A model that calls every pair located_in: what is left out is what the vetoes keep out."""
    bias = tuple(5.0 if c == "located_in" else 0.0 for c in learned.GROUPS)
    return learned.RelationModel(learned.GROUPS, bias, {}, {g: threshold for g in learned.GROUPS[1:]})


def test_the_gazetteer_keeps_impossible_containment_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "load_model", _always_located)
    text = "The delegation flew from Madrid to Houston and on to Texas, then to Bata and on to Equatorial Guinea."
    got = {(s, o) for s, p, o, x in _extract(text)[0] if p == "located_in" and x == "relations/model"}
    assert ("Houston", "Texas") in got  # the gazetteer allows it: the model's call stands
    assert ("Bata", "Equatorial Guinea") in got
    for bad in [("Madrid", "Equatorial Guinea"), ("Madrid", "Houston"), ("Texas", "Houston"),
                ("Equatorial Guinea", "Bata"), ("Houston", "Equatorial Guinea")]:
        assert bad not in got, bad  # another country, or the larger place in the smaller


def test_rule_context_features() -> None:
    ctx = learned.RuleContext.of([("a", "located_in", "b"), ("b", "located_in", "c"), ("d", "membership", "e")])
    feats = ctx.features("LOC>LOC:so", "a", "c")
    assert "trans:LOC>LOC:so" in feats  # a in b and b in c
    assert "rs:LOC>LOC:so:located_in" in feats and "ro:LOC>LOC:so:located_in" in feats
    assert "rev:LOC>LOC:so" in ctx.features("LOC>LOC:so", "b", "a")
    assert ctx.features("PER>ORG:so", "x", "y") == ()


def test_places_may_be_farther_apart_than_other_pairs() -> None:
    place, org = learned._PLACE, learned._ORG
    assert not learned.too_far(place, place, learned.MAX_ARCS + 2)
    assert learned.too_far(org, place, learned.MAX_ARCS + 1)
    assert learned.too_far(place, place, learned.MAX_ARCS_PLACES + 1)


def _model_located(text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, x in _extract(text)[0] if p == "located_in" and x == "relations/model"}


def test_an_abbreviation_the_gazetteer_lacks_is_not_placed(monkeypatch: pytest.MonkeyPatch) -> None:
    # "UK", "U.S." are countries the gazetteer knows by their full names only; the country veto cannot see them
    monkeypatch.setattr(learned, "load_model", _always_located)
    text = "Mr Dunmore, originally from Kent in the UK, had lived in New Zealand for a decade."
    assert ("UK", "New Zealand") not in _model_located(text)
    monkeypatch.setattr(learned, "_abbreviation", lambda name: False)
    assert ("UK", "New Zealand") in _model_located(text)  # the veto, not the pair's shape, keeps it out
    monkeypatch.undo()
    assert learned._abbreviation("UK") and learned._abbreviation("U.S.") and learned._abbreviation("DRC")
    assert not learned._abbreviation("Ohio") and not learned._abbreviation("I") and not learned._abbreviation("UNESCO")


def test_a_place_in_a_list_contains_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # ECB+ dev: "immigrants from Vietnam, Cambodia and Laos, who comprise a third of Bayou La Batre's population"
    monkeypatch.setattr(learned, "load_model", _always_located)
    text = "Migrants from Eritrea, Somalia and Sudan now make up a third of the population of Port Elwin."
    listed = {"Eritrea", "Somalia", "Sudan"}
    assert not {o for s, o in _model_located(text) if s == "Port Elwin"} & listed
    monkeypatch.setattr(learned, "_enumerated", lambda res, m: False)
    assert {o for s, o in _model_located(text) if s == "Port Elwin"} & listed  # the veto keeps them out



def test_an_organisations_seat_has_a_threshold_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Tamsin Freight Ltd opened a depot in Grenford, in the Ontario region of Canada, near Kingston."
    places_only = _always_located()
    places_only.thresholds[learned.ORG_LOCATED] = 1.01  # no organisation's seat clears it
    monkeypatch.setattr(learned, "load_model", lambda: places_only)
    got = _model_located(text)
    assert got and all(s != "Tamsin Freight Ltd" for s, _ in got)
    monkeypatch.setattr(learned, "load_model", _always_located)
    assert any(s == "Tamsin Freight Ltd" for s, _ in _model_located(text))  # the same call, held to 0.5
    assert learned.threshold_key("located_in", learned._ORG) == learned.ORG_LOCATED
    assert learned.threshold_key("located_in", learned._PLACE) == "located_in"


def _features_of(monkeypatch: pytest.MonkeyPatch, text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """The features of every ordered pair of names the model scores in ``text``."""
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    real = learned.instances

    def recording(res: learned.ReferenceResolver,
                  rules: Iterable[tuple[str, str, str]] = ()) -> Iterator[learned.Instance]:
        for inst in real(res, rules):
            names = res.ctx.entity_name
            seen[(names[inst.subject.entity], names[inst.object.entity])] = inst.features
            yield inst

    monkeypatch.setattr(learned, "instances", recording)
    monkeypatch.setattr(learned, "load_model", _always_located)
    _extract(text)
    return seen


def test_the_path_skeleton_generalises_over_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # two wordings of one construction share the skeleton (prepositions and "be" kept, other words as their part
    # of speech), not the lexical path
    one = _features_of(monkeypatch, "Tarnobrzeg is a town in Poland.")[("Tarnobrzeg", "Poland")]
    two = _features_of(monkeypatch, "Kalmar was a city in Sweden.")[("Kalmar", "Sweden")]
    skel = {f for f in one if f.startswith("skel:")}
    assert skel and skel == {f for f in two if f.startswith("skel:")}
    assert " in" in next(iter(skel)) and "NOUN" in next(iter(skel))
    assert {f for f in one if f.startswith("path:")} != {f for f in two if f.startswith("path:")}
    # another preposition is another skeleton: "a town near Poland" does not read as "a town in Poland"
    near = _features_of(monkeypatch, "Tarnobrzeg is a town near Poland.")[("Tarnobrzeg", "Poland")]
    assert not skel & set(near)


def test_the_noun_a_name_names(monkeypatch: pytest.MonkeyPatch) -> None:
    feats = _features_of(monkeypatch, "The old church stands in the village of Wysoka in Poland.")
    assert any(f.startswith("gs:") and f.endswith(":village") for f in feats[("Wysoka", "Poland")])
    feats = _features_of(monkeypatch, "Kalmar, a city in southern Sweden, hosted the meeting.")
    assert any(f.startswith("gs:") and f.endswith(":city") for f in feats[("Kalmar", "Sweden")])
    # a name that is the subject of a verb names no noun: "hosted" is not what Kalmar is
    feats = _features_of(monkeypatch, "Kalmar hosted the meeting in southern Sweden.")
    assert not any(f.startswith("gs:") for f in feats[("Kalmar", "Sweden")])


def test_a_places_size_is_its_kind_and_magnitude() -> None:
    from dossier.model.reference import Place

    village = Place("1", "city", "Wysoka", "PL", None, None, 900)
    town = Place("2", "city", "Tarnobrzeg", "PL", None, None, 47000)
    assert learned._magnitude(village) == "city3" and learned._magnitude(town) == "city5"
    assert learned._magnitude(Place("3", "country", "Poland", "PL", None, None, 38_000_000)) == "country"


def test_a_name_the_rules_set_against_a_list_is_not_one_of_its_members(monkeypatch: pytest.MonkeyPatch) -> None:
    # an example report: "links between Pakistani outfits such as TND and JuB and the HSW" made HSW Pakistani,
    # the parser having put HSW in the "such as" list where the rules read the other side of the link
    monkeypatch.setattr(learned, "load_model", _always_located)
    text = ("The arrests have drawn attention to links between Somali outfits such as Harakat Ras Kamboni and "
            "Jabhat al-Islah and the Ansar Bayt Front, an armed movement with offices in Doha.")
    got = _model_located(text)
    assert ("Ansar Bayt Front", "Somalia") not in got
    # the members of the list are still what the noun they exemplify says they are
    assert ("Harakat Ras Kamboni", "Somalia") in got and ("Jabhat al-Islah", "Somalia") in got
    monkeypatch.setattr(learned, "_set_apart", lambda res, s, o, related: False)
    assert ("Ansar Bayt Front", "Somalia") in _model_located(text)  # the veto, not the parse, keeps it out


def test_a_place_that_owns_another_clauses_subject_contains_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # ECB+ news: "in the Gulf of Aden, Yemen's official news agency SABA reported" put the gulf in Yemen
    monkeypatch.setattr(learned, "load_model", _always_located)
    text = "Pirates seized two fishing boats in the Gulf of Aden, Yemen's state news agency reported on Sunday."
    assert ("Gulf of Aden", "Yemen") not in _model_located(text)
    monkeypatch.setattr(learned, "_owns_another", lambda res, s, o: False)
    assert ("Gulf of Aden", "Yemen") in _model_located(text)  # the veto keeps it out
    monkeypatch.undo()
    monkeypatch.setattr(learned, "load_model", _always_located)
    # the possessor of an object in the name's own clause is still the model's to judge
    assert ("Nagoya", "Japan") in _model_located(
        "The largest city in the region is Nagoya, which has Japan's third strongest economy.")


def test_geonames_containment_is_a_feature_in_either_direction(monkeypatch: pytest.MonkeyPatch) -> None:
    # Plentywood is a town of Sheridan County, Montana: the sentence does not say so, GeoNames does
    feats = _features_of(monkeypatch, "The fair moved from Plentywood to Sheridan County and Montana in 1931.")
    assert any(f.startswith("kin:") for f in feats[("Plentywood", "Montana")])
    assert any(f.startswith("kin:LOC>LOC") for f in feats[("Sheridan County", "Montana")])
    assert any(f.startswith("kout:LOC>LOC") for f in feats[("Montana", "Sheridan County")])
    # two places GeoNames does not nest carry neither
    feats = _features_of(monkeypatch, "The fair moved from Dallas to Sacramento and California in 1931.")
    assert not any(f.startswith(("kin:", "kout:")) for f in feats[("Dallas", "California")])
    assert any(f.startswith("kin:") for f in feats[("Sacramento", "California")])
