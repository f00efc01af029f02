"""``dossier digest --since DATE``: what the reports ingested since DATE added, with evidence and sources."""

from __future__ import annotations

import click

from dossier.cli.common import Context, handle_errors


@click.command()
@click.option("--since", required=True, metavar="DATE",
              help="A date (2026-12-06) or UTC time (2026-12-06T04:00:00Z): reports ingested at or after it.")
@click.option("--watchlist", "watchlists", multiple=True, metavar="NAME",
              help="Screen against this list only (repeatable; default: every list in the store).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.pass_obj
@handle_errors
def digest(obj: Context, since: str, watchlists: tuple[str, ...], fmt: str) -> None:
    """New documents, entities, relations and events; facts whose independent sources or grade changed; new
    discrepancies; watchlist hits — each with its evidence and sources."""
    from dossier.digest.build import build_digest, parse_since
    from dossier.digest.render import to_html, to_json, to_markdown

    stamp = parse_since(since)
    with obj.store(readonly=True) as store:
        result = build_digest(store, stamp, list(watchlists) or None)
    render = {"md": to_markdown, "html": to_html, "json": to_json}[fmt]
    click.echo(render(result), nl=False)
