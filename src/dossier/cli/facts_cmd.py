"""``relations``, ``events`` and ``claims``: who did what with whom, when, where — according to whom."""

from __future__ import annotations

import click

from dossier.cli.common import Context, emit_json, handle_errors
from dossier.cli.terminal import echo
from dossier.exc import UsageError
from dossier.model import Modality
from dossier.model.dates import bounds
from dossier.model.vocab import Predicate
from dossier.store.facts import Facts
from dossier.store.pages import page_maps, span_label

PREDICATES = [p.value for p in Predicate]
MODALITIES = [m.value for m in Modality]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _attributed(item: dict) -> str:  # type: ignore[type-arg]
    if item["modality"] == "asserted" and item["attribution"] == "reporter":
        return ""
    return f"  [{item['modality']}, according to {item['attribution']}]"


@click.command()
@click.argument("name", required=False)
@click.option("--predicate", type=click.Choice(PREDICATES), help="Only this kind of relation.")
@click.option("--modality", type=click.Choice(MODALITIES), help="Only relations stated with this modality.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def relations(obj: Context, name: str | None, predicate: str | None, modality: str | None, as_json: bool) -> None:
    """Relations between entities (of NAME, if given), each with its evidence, source and modality."""
    with obj.store(readonly=True) as store:
        if name and not store.find_entities(name):
            raise UsageError(f"no entity named {name!r} (try `dossier entities`)")
        rows = Facts(store).relations(name, predicate, modality)
        maps = page_maps(store)
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        role = f" ({r['role']})" if r["role"] else ""
        echo(f"{r['subject']['name']} —{r['predicate']}{role}→ {r['object']['name']}{_attributed(r)}")
        for ev in r["evidence"]:
            where = span_label(r["source"], r["document"], ev["start"], ev["end"], maps)
            echo(f"    {where} {_one_line(ev['text'])}")


def _check_date(value: str | None, flag: str) -> None:
    if value and bounds(value) is None:
        raise UsageError(f"{flag} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")


@click.command()
@click.option("--from", "date_from", metavar="DATE", help="Only events on or after this ISO date.")
@click.option("--to", "date_to", metavar="DATE", help="Only events on or before this ISO date.")
@click.option("--place", metavar="NAME", help="Only events located at this place.")
@click.option("--participant", metavar="NAME", help="Only events this entity took part in.")
@click.option("--type", "type_", metavar="TYPE", help="Only events of this type (meeting, attack, arrest…).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def events(obj: Context, date_from: str | None, date_to: str | None, place: str | None, participant: str | None,
           type_: str | None, as_json: bool) -> None:
    """Events in date order, with place, participants and evidence. Undated events come last."""
    _check_date(date_from, "--from")
    _check_date(date_to, "--to")
    with obj.store(readonly=True) as store:
        rows = Facts(store).events(date_from=date_from, date_to=date_to, place=place, participant=participant,
                                   type_=type_)
        maps = page_maps(store)
    if as_json:
        emit_json(rows)
        return
    for e in rows:
        date = (e["date"] or "undated") + ("*" if e["date_inferred"] else "")
        where = f" in {e['place']['name']}" if e["place"] else ""
        who = ", ".join(p["entity"]["name"] + (f" ({p['role']})" if p["role"] else "") for p in e["participants"])
        echo(f"{date:12} {e['type']:12} {e['label']}{where}{_attributed(e)}")
        if who:
            echo(f"    participants: {who}")
        for ev in e["evidence"]:
            where = span_label(e["source"], e["document"], ev["start"], ev["end"], maps)
            echo(f"    {where} {_one_line(ev['text'])}")


@click.command()
@click.option("--source", metavar="TEXT", help="Only claims whose source contains TEXT (case-insensitive).")
@click.option("--modality", type=click.Choice(MODALITIES), help="Only claims with this modality.")
@click.option("--text", "text", metavar="TEXT", help="Only claims whose proposition contains TEXT.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def claims(obj: Context, source: str | None, modality: str | None, text: str | None, as_json: bool) -> None:
    """Attributed and hedged claims: who says what, and how firmly."""
    with obj.store(readonly=True) as store:
        rows = Facts(store).claims(source=source, modality=modality, text=text)
    if as_json:
        emit_json(rows)
        return
    for k in rows:
        cue = f" ({k['cue']})" if k["cue"] else ""
        echo(f"[{k['modality']}{cue}] {k['source']}: {_one_line(k['proposition'])}")
        echo(f"    {k['doc_source']}: {_one_line(k['evidence'])}")
