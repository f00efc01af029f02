"""``dossier search TEXT``: full-text search over the current reports (store/search.py)."""

from __future__ import annotations

import click

from dossier.cli.common import Context, emit_json, handle_errors
from dossier.cli.terminal import echo
from dossier.display import plural


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--from", "date_from", metavar="DATE", help="Only reports published on or after (ISO date).")
@click.option("--to", "date_to", metavar="DATE", help="Only reports published on or before (ISO date or prefix).")
@click.option("--publisher", metavar="NAME", help="Only reports whose publisher contains this.")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def search(obj: Context, text: tuple[str, ...], date_from: str | None, date_to: str | None,
           publisher: str | None, limit: int, as_json: bool) -> None:
    """Reports whose title or text has all the words (or "quoted phrases"; word* for a prefix), best first,
    each with the passage that matched."""
    from dossier.display import document_cards
    from dossier.store.search import current_rowids
    from dossier.store.search import search as run

    with obj.store(readonly=True) as store:
        cards = document_cards(store)  # with the analyst's corrections: the filters see what is shown
        rowids = {r: cards[d] for r, d in current_rowids(store).items() if d in cards}
        total, hits = run(store, " ".join(text), rowids, date_from=date_from, date_to=date_to,
                          publisher=publisher, limit=limit)
    if as_json:
        emit_json({"total": total, "items": [
            {"id": h.document, "path": cards[h.document]["source"], "title": cards[h.document]["title"],
             "published": cards[h.document]["published"], "publisher": cards[h.document]["publisher"],
             "snippet": h.snippet} for h in hits if h.document in cards]})
        return
    echo(f"{plural(total, 'report')} match" + ("es" if total == 1 else ""))
    for h in hits:
        d = cards.get(h.document)
        if d is None:
            continue
        echo(f"{d['published'] or 'undated':10}  {d['publisher'] or '-'}  {d['source']}  {d['title']}")
        passage = "".join(click.style(s["text"], bold=True) if s["hit"] else s["text"] for s in h.snippet)
        echo("    " + " ".join(passage.split()))
