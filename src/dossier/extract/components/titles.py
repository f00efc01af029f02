"""``dossier_titles``: honorifics and ranks become attributes, never part of a person's name.

"Dr. Khalid Qaddoumi" → PERSON "Khalid Qaddoumi" with title "Dr."; "Lt Gen (Retd) Muhammad Aamer" → PERSON
"Muhammad Aamer" with title "Lt Gen (Retd)". The small model often tags a rank as a PERSON of its own
("Lt Gen", "Retd") and misses names after religious titles ("Mufti X"); both are repaired here.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.extract.components.extensions import register
from dossier.extract.components.spans import is_capitalised, set_ents
from dossier.model.reference import lookup_org, lookup_place, titles

_RETIRED = {"retd", "retd.", "retired", "r"}
# Titles that are not also ordinary English words: they mark a person even before a mis-typed name.
_STRONG_SINGLE = frozenset(
    "Mufti Maulana Moulana Mawlana Maulvi Mullah Sheikh Shaikh Shaykh Sheik Allama Ayatollah Hojatoleslam "
    "Hafiz Hafez Qari Haji Hajji Syed Sayyid Pir Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Gen Gen. Col Col. "
    "Brig Brig. Capt Capt. Lt Lt. Sgt Sgt. Maj Maj. Rev Rev. Fr. Sen. Rep. Gov. Adm.".split()
)
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Roles no organisation's name opens: capitalised at a sentence start, the small model takes "Spokeswoman Sandy
# Angers" for an organisation; the role is a title and the rest a person.
_ROLES = frozenset("Spokesman Spokeswoman Spokesperson".split())


def _match_title(doc: Doc, i: int, table: dict[str, list[tuple[str, ...]]]) -> int:
    """End token index (exclusive) of the longest title starting at token i, or i when none."""
    for phrase in table.get(doc[i].text, ()):
        n = len(phrase)
        if i + n <= len(doc) and all(doc[i + k].text == phrase[k] for k in range(1, n)):
            end = i + n
            # "(Retd)" / "(retd.)" after a rank
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 1].lower_ in _RETIRED \
                    and doc[end + 2].text == ")":
                end += 3
            elif end < len(doc) and doc[end].lower_ in {"(retd)", "(retd.)"}:
                end += 1
            return end
    return i


def _name_run(doc: Doc, start: int) -> int:
    """End of a run of capitalised proper-noun tokens starting at ``start`` (hyphens inside allowed)."""
    end = start
    while end < len(doc):
        tok = doc[end]
        if is_capitalised(tok.text) and tok.is_alpha and tok.pos_ in {"PROPN", "NOUN", "ADJ", "X"}:
            end += 1
        elif tok.text in {"-", "'", "’"} and tok.whitespace_ == "" and end > start and end + 1 < len(doc) \
                and doc[end - 1].whitespace_ == "":
            end += 1
        else:
            break
    while end > start and not doc[end - 1].is_alpha:
        end -= 1
    return end


def _put(ents: dict[int, Span], ent_at: dict[int, Span], span: Span) -> None:
    ents[span.start] = span
    for t in range(span.start, span.end):
        ent_at[t] = span


@Language.factory(
    "dossier_titles",
    requires=["doc.ents", "token.pos"],
    assigns=["doc.ents", "doc._.dossier_titles"],
)
def make_titles(nlp: Language, name: str) -> TitleStripper:
    register()
    return TitleStripper()


class TitleStripper:
    def __init__(self) -> None:
        self.table: dict[str, list[tuple[str, ...]]] = {}
        for phrase in titles():  # longest first, indexed by first word
            self.table.setdefault(phrase[0], []).append(phrase)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[int, str] = {}
        # the entities by start and by token, updated in place at each title (rebuilding them per title made a
        # long report quadratic); doc.ents never overlap, and neither do the spans kept here
        ents = {e.start: e for e in doc.ents}
        ent_at = {t: e for e in ents.values() for t in range(e.start, e.end)}
        i = 0
        while i < len(doc):
            if not is_capitalised(doc[i].text):
                i += 1
                continue
            end = _match_title(doc, i, self.table)
            if end == i or end >= len(doc):
                i += 1
                continue
            role = end - i == 1 and doc[i].text in _ROLES
            weak = end - i == 1 and doc[i].text not in _STRONG_SINGLE and not role
            if weak and doc[i].pos_ in {"ADJ", "VERB", "ADV"}:
                i = end  # "Major Pakistani parties": an adjective, not a rank
                continue
            outer = ent_at.get(i)
            if outer is not None and outer.label_ not in {"PERSON"} and outer.end > end and not role:
                i = end  # a title word inside an organisation's name ("General Assembly", "Emir Sultan Mosque")
                continue
            name_start = end
            if not is_capitalised(doc[name_start].text):
                i = end
                continue
            covering = ent_at.get(name_start)
            if covering is not None and (covering.label_ == "NORP" or covering.label_ != "PERSON" and weak):
                i = end  # a weak title before a group or place name ("Deputy Pakistani envoy")
                continue
            if covering is not None and covering.label_ in _NAME_LABELS:
                name_end = covering.end
            else:
                name_end = _name_run(doc, name_start)
            if name_end <= name_start:
                i = end
                continue
            candidate = doc[name_start:name_end].text
            if lookup_place(candidate) or lookup_org(candidate):
                i = end
                continue
            person = Span(doc, name_start, name_end, label="PERSON")
            # drop entities that sit inside the title, trim those that straddle it, replace the name's
            for e in {ent_at[t].start: ent_at[t] for t in range(i, name_end) if t in ent_at}.values():
                del ents[e.start]
                for t in range(e.start, e.end):
                    del ent_at[t]
                if e.start < i:  # "Hamas leader Dr." → keep the part before the title
                    _put(ents, ent_at, Span(doc, e.start, i, label=e.label_))
            _put(ents, ent_at, person)
            found[name_start] = doc[i:end].text
            i = name_end
        set_ents(doc, ents.values())
        doc._.dossier_titles = found
        return doc
