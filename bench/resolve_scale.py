"""Cross-document resolution at scale, on synthetic-but-realistic reports whose truth is known.

The generator writes extraction rows straight into a store (no spaCy): storylines of people, organisations and
places, each told by several "outlets" that spell names their own way:

* people from pools of given names and surnames with romanisation variants (Muhammad/Mohammed/Mohammad,
  Yusuf/Yousef, Qasim/Kasim, Siddiqui/Siddiqi, al-Haddad/el-Haddad), a middle name some outlets drop, a surname
  alone in some reports, a title left in the name or a person typed as an organisation now and then;
* **deliberate namesakes**: some people share another person's exact name but have a different organisation,
  country and storyline (the resolver must keep them apart);
* organisations in the style of the corpus (Tehreek-e-Nusrat-e-Deen, Harakat al-Sumud al-Watani, Qamar Crest
  General Trading FZE) with spelling variants (-e-/e/-i-, al-/el-/Al-), their acronym in some reports only,
  a short name ("Sumud"), legal suffixes dropped; a few very frequent ones (outlets, major groups);
* places from the shipped gazetteer with their GeoNames ids (some small places without);
* relations (member/leader/spokesperson of) and shared sentences with places, as the extractor produces them.

For each size the store is resolved from scratch in a fresh process (time and peak RSS of that process), and
the links are scored pairwise against the truth (local entity pairs) next to the exact-name baseline.

Usage: python bench/resolve_scale.py [--sizes 10000,100000] [--seed 7] [--incremental] [--json]
       python bench/resolve_scale.py --sizes 1000000      (about 40 000 reports; minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier import pipeline
from dossier.model import stable_id
from dossier.resolve.profile import exact_id
from dossier.store import open_store

GIVEN: list[list[str]] = [
    ["Muhammad", "Mohammed", "Mohammad", "Muhammed"], ["Yusuf", "Yousef", "Yousuf"], ["Qasim", "Kasim", "Qassim"],
    ["Ahmed", "Ahmad"], ["Mahmoud", "Mahmood", "Mehmood"], ["Sarfraz", "Sarfaraz"], ["Ziad", "Ziyad"],
    ["Hussain", "Hussein", "Husain"], ["Osama", "Usama"], ["Omar", "Umar", "Omer"], ["Khalid", "Khaled"],
    ["Tariq", "Tareq"], ["Bilal"], ["Farhad"], ["Imran"], ["Naveed", "Navid"], ["Zubair", "Zubayr"],
    ["Hamza", "Hamzah"], ["Rashid", "Rasheed"], ["Saeed", "Sayeed"], ["Waqas"], ["Nadeem", "Nadim"],
    ["Shahid", "Shaheed"], ["Faisal", "Faysal"], ["Jamal"], ["Karim", "Kareem"], ["Hassan", "Hasan"],
    ["Raed", "Ra'ed"], ["Anas"], ["Sajid"], ["Ehsan", "Ihsan"], ["Mustafa", "Mostafa"], ["Ibrahim", "Ebrahim"],
    ["Ismail", "Ismael"], ["Yahya", "Yehia"], ["Suleiman", "Sulaiman"], ["Abdullah", "Abdallah"],
    ["Javed", "Javaid"], ["Asif"], ["Tahir"], ["Zahid"], ["Arshad"], ["Kamran"], ["Adnan"], ["Fahad", "Fahd"],
    ["Majid", "Maajid"], ["Nasir", "Nasser"], ["Walid", "Waleed"], ["Sami", "Samy"], ["Rami", "Ramy"],
    ["Shahzad"], ["Danish"], ["Babar"], ["Junaid", "Junayd"], ["Hafeez", "Hafiz"], ["Rizwan", "Ridwan"],
    ["Owais", "Uwais"], ["Talha"], ["Haris"], ["Moin", "Mueen"], ["Aamir", "Amir"], ["Saqib"], ["Wasim", "Waseem"],
    ["Iftikhar"], ["Mushtaq"], ["Ishaq", "Ishaque"], ["Zakir", "Zakeer"], ["Jalal"], ["Kamal"], ["Nabil", "Nabeel"],
    ["Hisham"], ["Marwan"], ["Ayman"], ["Tamer", "Tamir"], ["Bashir", "Basheer"], ["Munir", "Muneer"],
    ["Shafiq", "Shafique"], ["Rafi"], ["Sohail", "Suhail"], ["Akram"], ["Ashfaq"], ["Ehtesham", "Ihtisham"],
    ["Mehdi", "Mahdi"], ["Reza", "Riza"], ["Hamid", "Hamed"], ["Dawood", "Dawud"], ["Idris", "Idrees"],
]
MIDDLE: list[list[str]] = [
    ["Raza"], ["Akhtar"], ["Ahmed", "Ahmad"], ["Ali"], ["Iqbal"], ["Haider", "Haidar"], ["Farooq", "Faruq"],
    ["Mehmood", "Mahmood"], ["Ayub"], ["Gul"], ["Wali"], ["Hasan"], ["Karim", "Kareem"], ["Ehsanul", "Ihsanul"],
    ["Nawaz"], ["Aziz"], ["Rafiq", "Rafique"], ["Latif", "Lateef"], ["Anwar"], ["Jamil", "Jameel"],
]
SURNAMES: list[list[str]] = [
    ["Siddiqui", "Siddiqi"], ["al-Haddad", "el-Haddad", "Al-Haddad"], ["Khan"], ["Chattha", "Chatha"],
    ["Gondal"], ["Bhuiyan", "Bhuyan"], ["Qureshi", "Kureshi"], ["Shaaban", "Sha'ban"],
    ["Khorasani", "Khurasani"], ["Tarakai"], ["Zadran"], ["Awan"], ["Butt"], ["Malik"],
    ["Chaudhry", "Chaudhary"], ["Rahman", "Rehman"], ["Hashmi", "Hashemi"], ["Mansour", "Mansoor"],
    ["Nasrallah", "Nasrullah"], ["Tiwana"], ["Jatoi"], ["Khattak"], ["Bangash"], ["Sandhu"], ["Cheema"],
    ["Abbasi"], ["Gilani", "Geelani"], ["Afridi"], ["Yousafzai", "Yusufzai"], ["Durrani"], ["Baloch"],
    ["Mengal"], ["Marri"], ["Bugti"], ["Shirazi"], ["Tabrizi"], ["Karimi"], ["Hosseini", "Husseini"],
    ["Mousavi", "Musavi"], ["Rezaei", "Rezai"], ["al-Masri", "el-Masri"], ["al-Tamimi", "el-Tamimi"],
    ["al-Shami", "el-Shami"], ["Haqqani"], ["Mehsud", "Mahsud"], ["Wazir"], ["Dawar"], ["Orakzai"], ["Jadoon"],
    ["Imtiaz"], ["Ashraf"], ["Mollah", "Molla"], ["Chowdhury", "Choudhury"], ["Sarkar"], ["Talukder"],
    ["Warraich"], ["Bajwa"], ["Virk"], ["Ranjha"], ["Lodhi", "Lodi"], ["Niazi"], ["Kasuri", "Qasuri"],
    ["Paracha"], ["Sethi"], ["Shinwari"], ["Mohmand"], ["Achakzai"], ["Kakar"], ["Tareen", "Tarin"],
    ["Khattak"], ["Swati"], ["Kundi"], ["Gandapur"], ["Leghari"], ["Mazari"], ["Jamali"], ["Junejo"],
    ["Soomro"], ["Bhutto"], ["Talpur"], ["Zardari"], ["Khoso"], ["Memon"], ["Shaikh", "Sheikh"],
    ["al-Qahtani", "el-Qahtani"], ["al-Otaibi", "el-Otaibi"], ["al-Zahrani", "el-Zahrani"],
    ["al-Hashimi", "el-Hashemi"], ["al-Jubouri", "el-Jabouri"], ["Barzani"], ["Talabani"], ["Sadri"],
    ["Ansari"], ["Naqvi", "Naqavi"], ["Rizvi", "Rizavi"], ["Zaidi"], ["Jafri", "Jafari"], ["Bukhari"],
    ["Kazmi", "Kazemi"], ["Tirmizi", "Tirmidhi"], ["Gardezi"], ["Hamdani"], ["Hussaini"], ["Islam"], ["Uddin"],
]
TITLES = ["Maulana", "Hafiz", "Sheikh", "Dr.", "Mufti", "Lt Gen (Retd)", "Col."]
ORG_HEAD = ["Harakat", "Jamaat", "Tehreek", "Lashkar", "Jaish", "Hizb", "Tanzeem", "Majlis", "Ittehad", "Anjuman",
            "Sipah", "Jabhat", "Difa", "Markaz", "Idara"]
ORG_NOUN = ["Nusrat", "Burhan", "Sabeel", "Sumud", "Deen", "Millat", "Haq", "Tawheed", "Islam", "Ansar",
            "Furqan", "Muhajireen", "Taiba", "Badr", "Qadisiya", "Watani", "Adl", "Fatah", "Nasr", "Jihad",
            "Khilafat", "Ummah", "Hurriyat", "Azadi", "Inqilab", "Tahaffuz", "Dawa", "Amal", "Shura", "Istiqamat"]
PARTICLES = [("-e-", "e"), ("-ul-", "u"), (" al-", ""), ("-i-", "i")]
COMPANY_A = ["Qamar", "Nilkantha", "Corvamar", "Bluestar", "Falcon", "Crescent", "Horizon", "Meridian", "Sapphire",
             "Zephyr", "Orion", "Al Noor", "Safa", "Marwa", "Golden", "Seagull", "Emerald", "Atlas", "Pinnacle",
             "Summit", "Karnaphuli", "Padma", "Meghna", "Indus", "Oxus", "Sindbad", "Caspian", "Levant"]
COMPANY_B = ["Crest", "Maritime", "Holdings", "Shipping", "Trading", "Logistics", "Exchange", "Textiles",
             "Freight", "Ventures", "Commodities", "Lines", "Energy", "Builders"]
LEGAL = ["FZE", "Ltd", "S.A.", "LLC", "Pvt Ltd", "FZCO"]
COUNTRIES = ["PK", "AF", "IR", "IQ", "SY", "LB", "BD", "AE", "IN", "EG", "JO", "TR", "YE", "SA"]
ROLES = ["member", "commander", "spokesperson", "leader", "chief", "chairman", "financier", "representative"]
INCREMENTAL_MAX = 100_000  # the 10-slice check re-resolves ten times: not at a million
OUTLETS = ["Frontier Wire", "Meridian News", "Civic Herald", "Northgate Post", "Bay Chronicle", "Kestrel Times",
           "Levant Courier", "Harbourline Ledger", "Crescent Observer"]


@dataclass
class Truth:
    id: str
    type: str
    forms: list[str]  # full-name spellings
    short: list[str] = field(default_factory=list)  # surname / short name
    acronym: str | None = None
    org: Truth | None = None
    role: str | None = None
    place: Place | None = None
    country: str = ""


@dataclass(frozen=True)
class Place:
    name: str
    geonameid: str | None
    country: str


class World:
    def __init__(self, rng: random.Random, n_docs: int) -> None:
        from dossier.model.reference import gazetteer

        self.rng = rng
        seen: dict[str, Place] = {}
        for p in gazetteer().values():
            if p.kind == "city" and p.country in COUNTRIES and p.geonameid not in seen:
                seen[p.geonameid] = Place(p.name, p.geonameid, p.country)
        cities = sorted(seen.values(), key=lambda p: p.geonameid)
        self.places = rng.sample(cities, min(len(cities), max(200, n_docs // 4)))
        self.places += [Place(f"{rng.choice(['Dera', 'Kot', 'Chak', 'Pir', 'Mir'])} "
                              f"{rng.choice(SURNAMES)[0].replace('al-', '').capitalize()}", None,
                              rng.choice(COUNTRIES)) for _ in range(100)]
        self.n = 0
        self.orgs = [self._org() for _ in range(max(30, n_docs // 6))]
        self.major = self.orgs[:8]  # mentioned across many storylines
        self.outlets = [Truth(self._id(), "organization", [o]) for o in OUTLETS]
        self.people: list[Truth] = []

    def _id(self) -> str:
        self.n += 1
        return f"T{self.n}"

    def _org(self) -> Truth:
        rng = self.rng
        if rng.random() < 0.6:
            head, noun = rng.choice(ORG_HEAD), rng.choice(ORG_NOUN)
            sep, letter = rng.choice(PARTICLES)
            forms = [f"{head}{sep}{noun}"]
            if sep != " al-":
                forms.append(f"{head} {sep.strip('-')} {noun}")
            else:
                forms += [f"{head} el-{noun}", f"{head} Al-{noun}"]
            acronym = head[0] + letter + noun[0]  # "JuB", "TeN"; "HS" for "Harakat al-Sumud"
            if rng.random() < 0.4:
                tail = rng.choice(ORG_NOUN)
                forms = [f + (f" al-{tail}" if "al-" in f else f" el-{tail}" if "el-" in f
                              else f" Al-{tail}" if "Al-" in f else f"-e-{tail}" if "-" in f else f" e {tail}")
                         for f in forms]
                acronym += tail[0]
            short = [noun]
        else:
            a, b = rng.choice(COMPANY_A), rng.choice(COMPANY_B)
            legal = rng.choice(LEGAL)
            base = f"{a} {b}" + (" General Trading" if rng.random() < 0.3 else "")
            forms = [f"{base} {legal}", base]
            acronym = None
            short = [a] if " " not in a else []
        return Truth(self._id(), "organization", forms, short, acronym, place=rng.choice(self.places))

    def person(self, org: Truth) -> Truth:
        rng = self.rng
        if self.people and rng.random() < 0.06:
            twin = rng.choice(self.people)  # a namesake: same name, different life
            forms = [twin.forms[0]]
            short = twin.short
        else:
            g, s = rng.choice(GIVEN), rng.choice(SURNAMES)
            m = rng.choice(MIDDLE) if rng.random() < 0.75 else None
            forms = []
            for gv in g:
                for sv in s:
                    forms.append(" ".join(x for x in (gv, m[0] if m else None, sv) if x))
            if m:
                forms.append(f"{g[0]} {s[0]}")  # the middle name dropped
            short = [s[0].replace("al-", "Al-")] if not s[0].startswith("al-") else [s[0]]
        place = rng.choice(self.places)
        p = Truth(self._id(), "person", forms, short, org=org, role=rng.choice(ROLES), place=place,
                  country=place.country)
        self.people.append(p)
        return p


@dataclass
class Doc:
    id: str
    source: str
    entities: list[tuple[str, str, str, list[str], dict[str, str], str]]  # id, type, name, aliases, attrs, truth
    mentions: list[tuple[str, str, int, str]]  # id, entity, sentence, text
    relations: list[tuple[str, str, str, str, str | None]]  # id, subject, predicate, object, role


def generate(n_mentions: int, seed: int) -> Iterator[Doc]:
    rng = random.Random(seed)
    n_docs_guess = max(20, n_mentions // 25)
    world = World(rng, n_docs_guess)
    produced = 0
    story = 0
    while produced < n_mentions:
        story += 1
        orgs = rng.sample(world.orgs, rng.randint(1, 2))
        if rng.random() < 0.5:
            orgs.append(rng.choice(world.major))
        cast = [world.person(rng.choice(orgs)) for _ in range(rng.randint(2, 5))]
        places = rng.sample(world.places, 2) + [p.place for p in cast if p.place]
        for d in range(min(14, 1 + int(rng.expovariate(1 / 4)))):
            doc = _document(rng, world, story, d, cast, orgs, places)
            produced += len(doc.mentions)
            yield doc
            if produced >= n_mentions:
                break


def _document(rng: random.Random, world: World, story: int, d: int, cast: list[Truth], orgs: list[Truth],
              places: list[Place]) -> Doc:
    doc_id = stable_id("doc", story, d)
    outlet = rng.choice(world.outlets)
    ents: list[tuple[str, str, str, list[str], dict[str, str], str]] = []
    mentions: list[tuple[str, str, int, str]] = []
    relations: list[tuple[str, str, str, str, str | None]] = []
    n_sent = 12
    local_of: dict[str, str] = {}

    def add(truth_id: str, type_: str, name: str, aliases: list[str], attrs: dict[str, str], sentences: list[int],
            extra: int) -> str:
        lid = stable_id("lent", doc_id, len(ents))
        ents.append((lid, type_, name, aliases, attrs, truth_id))
        forms = [name] + aliases
        for k, s in enumerate(sentences + [rng.randrange(n_sent) for _ in range(extra)]):
            mentions.append((stable_id("men", lid, k), lid, s, forms[k % len(forms)]))
        return lid

    style = rng.random()  # an outlet's spelling habits, fixed for the document
    for org in orgs + ([outlet] if rng.random() < 0.7 else []):
        if rng.random() < 0.15 and org not in orgs[:1]:
            continue
        if org.acronym and rng.random() < 0.08:
            name, aliases = org.acronym, []  # the acronym alone
        elif org.short and rng.random() < 0.06:
            name, aliases = org.short[0], []  # the short name alone ("Sumud")
        else:
            name = org.forms[int(style * len(org.forms)) % len(org.forms)]
            aliases = [org.acronym] if org.acronym and rng.random() < 0.6 else []
        local_of[org.id] = add(org.id, "organization", name, aliases, {}, [rng.randrange(n_sent)],
                               rng.randint(0, 3))
    for p in cast:
        if rng.random() < 0.2:
            continue
        sentence = rng.randrange(n_sent)
        if rng.random() < 0.05:
            name, aliases = p.short[0], []  # the surname alone
        else:
            name = p.forms[int(style * 7 + rng.random() * 1.5) % len(p.forms)]
            if rng.random() < 0.04:
                name = f"{rng.choice(TITLES)} {name}"  # a title the extractor left in the name
            aliases = [name.split()[-1]] if rng.random() < 0.5 and " " in name else []  # the surname
        type_ = "organization" if rng.random() < 0.04 else "person"
        lid = add(p.id, type_, name, aliases, {}, [sentence], rng.randint(0, 3))
        local_of[p.id] = lid
        if p.place and rng.random() < 0.5:
            pl = p.place
            attrs = {"geonameid": pl.geonameid, "country": pl.country, "gazetteer_name": pl.name} if pl.geonameid \
                else {}
            local_of.setdefault(f"P:{pl.name}", add(f"P:{pl.geonameid or pl.name}", "place", pl.name, [], attrs,
                                                   [sentence], 0))
        if p.org and p.org.id in local_of and rng.random() < 0.6:
            relations.append((stable_id("rel", lid, p.org.id), lid,
                              "leadership" if p.role in ("leader", "chief", "chairman") else "membership",
                              local_of[p.org.id], p.role))
    for pl in rng.sample(places, min(len(places), 2)):
        if f"P:{pl.name}" in local_of:
            continue
        attrs = {"geonameid": pl.geonameid, "country": pl.country, "gazetteer_name": pl.name} if pl.geonameid else {}
        local_of[f"P:{pl.name}"] = add(f"P:{pl.geonameid or pl.name}", "place", pl.name, [], attrs,
                                       [rng.randrange(n_sent)], rng.randint(0, 2))
    return Doc(doc_id, f"synthetic/{story:06d}-{d:02d}.txt", ents, mentions, relations)


def write_store(path: Path, docs: Iterator[Doc]) -> dict[str, str]:
    """Bulk-write the synthetic extraction; returns local entity id → true entity id."""
    truth: dict[str, str] = {}
    store = open_store(path)
    c = store.conn
    c.execute("PRAGMA synchronous = OFF")
    c.execute("BEGIN")
    for i, d in enumerate(docs):
        c.execute("INSERT INTO documents VALUES (?,?,?,?,0,?,?,?,?,1,NULL,1,'[]','synthetic',?,0,?,?,0,?,0,0)",
                  (d.id, d.source, None, "2025-01-01", None, None, "text/plain", "synthetic", "2025-01-01T00:00:00Z",
                   len(d.mentions), len(d.entities), len(d.relations)))
        c.executemany("INSERT INTO local_entities VALUES (?,?,?,?,?,?)",
                      [(e[0], d.id, e[1], e[2], json.dumps(e[3]), json.dumps(e[4])) for e in d.entities])
        c.executemany("INSERT INTO mentions VALUES (?,?,?,0,0,?,'person',?, 'name')",
                      [(m[0], d.id, m[1], m[3], m[2]) for m in d.mentions])
        c.executemany("INSERT INTO relations VALUES (?,?,?,?,?,?,'reporter','asserted','synthetic','[]')",
                      [(r[0], d.id, r[1], r[2], r[3], r[4]) for r in d.relations])
        for e in d.entities:
            truth[e[0]] = e[5]
        if i % 2000 == 1999:
            c.execute("COMMIT")
            c.execute("BEGIN")
    c.execute("COMMIT")
    store.close()
    return truth


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def pairwise(pred: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall of merges over local entities, and B³ (counted, not enumerated)."""
    both = Counter((pred[i], truth[i]) for i in truth)
    size_p = Counter(pred[i] for i in truth)
    size_t = Counter(truth.values())
    tp = sum(_pairs(n) for n in both.values())
    pp = sum(_pairs(n) for n in size_p.values())
    tt = sum(_pairs(n) for n in size_t.values())
    p = tp / pp if pp else 1.0
    r = tp / tt if tt else 1.0
    n = len(truth)
    bp = sum(k * k / size_p[c[0]] for c, k in both.items()) / n
    br = sum(k * k / size_t[c[1]] for c, k in both.items()) / n
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": _f1(p, r),
            "b3_precision": round(bp, 4), "b3_recall": round(br, 4), "b3_f1": _f1(bp, br)}


def resolve_in_child(db: Path, pending: bool = False) -> dict[str, Any]:
    """Resolve in a fresh process, so its peak RSS is the resolver's (plus the interpreter)."""
    out = subprocess.run([sys.executable, __file__, "--resolve", str(db)] + (["--pending"] if pending else []),
                         check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _child(db: str, pending: bool) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF)
    base = before.ru_maxrss
    with open_store(db) as store:
        t = time.perf_counter()
        stats = pipeline.resolve(store, full=not pending)
        seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_SELF)
    peak = after.ru_maxrss
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(peak / 1024, 1),
                      "start_rss_mb": round(base / 1024, 1), "pairs_scored": stats.pairs_scored,
                      "pairs_stored": stats.pairs_stored, "phases": stats.phases, "documents": stats.documents}))


def run_size(n_mentions: int, seed: int, tmp: Path, incremental: bool) -> dict[str, Any]:
    db = tmp / f"synthetic-{n_mentions}.db"
    t = time.perf_counter()
    truth = write_store(db, generate(n_mentions, seed))
    gen_seconds = time.perf_counter() - t
    with open_store(db) as store:
        counts = store.query("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions), "
                             "(SELECT count(*) FROM local_entities)")[0]
    res = resolve_in_child(db)
    with open_store(db) as store:
        pred = {r[0]: r[1] for r in store.query("SELECT local_entity, entity FROM entity_links")}
        base = {r[0]: exact_id(r[1], r[2]) for r in store.query("SELECT id, type, name FROM local_entities")}
        n_entities = len(set(pred.values()))
    people = {i for i in truth if not truth[i].startswith("P:")}
    out: dict[str, Any] = {
        "mentions": counts[1], "documents": counts[0], "local_entities": counts[2],
        "true_entities": len(set(truth.values())), "resolved_entities": n_entities,
        "generate_seconds": round(gen_seconds, 1), **res,
        "resolver": pairwise(pred, truth), "exact_name_baseline": pairwise(base, truth),
        "resolver_people_orgs": pairwise({i: pred[i] for i in people}, {i: truth[i] for i in people}),
        "baseline_people_orgs": pairwise({i: base[i] for i in people}, {i: truth[i] for i in people}),
        "db_mb": round(os.path.getsize(db) / 2**20, 1),
    }
    if incremental and n_mentions <= INCREMENTAL_MAX:
        out["incremental"] = incremental_check(n_mentions, seed, tmp, pred)
    db.unlink()
    return out


def incremental_check(n_mentions: int, seed: int, tmp: Path, batch: dict[str, str]) -> dict[str, Any]:
    """Ingest the same reports in 10 slices, resolving after each: links must equal the batch run's."""
    docs = list(generate(n_mentions, seed))
    db = tmp / f"incremental-{n_mentions}.db"
    slices = 10
    times = []
    for k in range(slices):
        part = docs[k * len(docs) // slices:(k + 1) * len(docs) // slices]
        write_store(db, iter(part))
        times.append(resolve_in_child(db, pending=True)["seconds"])
    with open_store(db) as store:
        inc = {r[0]: r[1] for r in store.query("SELECT local_entity, entity FROM entity_links")}
    db.unlink()
    return {"slices": slices, "identical_links": inc == batch, "seconds_per_slice": times}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated mention counts")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--incremental", action="store_true",
                    help="also check 10-slice incremental == batch (sizes up to 100 000)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--resolve", help=argparse.SUPPRESS)
    ap.add_argument("--pending", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.resolve:
        _child(args.resolve, args.pending)
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            r = run_size(size, args.seed, Path(tmp), args.incremental)
            results.append(r)
            if not args.json:
                _print(r)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for prev, cur in zip(results, results[1:], strict=False):
        k = cur["mentions"] / prev["mentions"]
        print(f"{prev['mentions']:>9,} → {cur['mentions']:>9,} mentions (×{k:.1f}): "
              f"time ×{cur['seconds'] / prev['seconds']:.1f}"
              f", peak RSS ×{cur['peak_rss_mb'] / prev['peak_rss_mb']:.1f}"
              f", pairs compared ×{cur['pairs_scored'] / max(1, prev['pairs_scored']):.1f}")


def _print(r: dict[str, Any]) -> None:
    print(f"{r['mentions']:>9,} mentions  {r['documents']:>7,} reports  {r['local_entities']:>8,} local entities  "
          f"{r['true_entities']:>7,} true entities → {r['resolved_entities']:>7,} resolved")
    print(f"          resolve {r['seconds']:.1f} s, peak RSS {r['peak_rss_mb']:.0f} MB (process start "
          f"{r['start_rss_mb']:.0f} MB), CPU {r.get('cpu_seconds', 0):.1f} s, {r['pairs_scored']:,} pairs compared, "
          f"{r['pairs_stored']:,} kept; "
          f"phases {r['phases']}")
    for name in ("resolver", "exact_name_baseline", "resolver_people_orgs", "baseline_people_orgs"):
        m = r[name]
        print(f"          {name:22} pairwise P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}   "
              f"B3 P {m['b3_precision']:.3f}  R {m['b3_recall']:.3f}  F1 {m['b3_f1']:.3f}")
    if "incremental" in r:
        inc = r["incremental"]
        print(f"          incremental ({inc['slices']} slices) identical to batch: {inc['identical_links']}; "
              f"seconds per slice {inc['seconds_per_slice']}")


if __name__ == "__main__":
    main()
