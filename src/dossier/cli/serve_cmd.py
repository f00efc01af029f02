"""``dossier serve``: run the workbench on loopback; writes need the token printed (or given) at start-up."""

from __future__ import annotations

import ipaddress
import secrets
import threading
from typing import TYPE_CHECKING

import click

from dossier.cli.common import Context, handle_errors
from dossier.cli.terminal import echo
from dossier.exc import DossierError, UsageError, require
from dossier.serve.config import DEFAULT_MAX_UPLOAD, LOOPBACK_HOSTS, Settings
from dossier.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from dossier.serve.state import State


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _warm(state: State) -> None:
    try:
        state.index()
        if state.settings.token:  # writable: the parse and writer workers load now, not at the first upload
            state.warm_writer()
    except DossierError:
        pass  # the first request reports it


@click.command()
@click.option("--db", "db_path", metavar="PATH", help="The store file (default: the global --db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback exposes the store to the network.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="DOSSIER_TOKEN", metavar="TOKEN",
              help="Token for write endpoints (upload, merge/split); also $DOSSIER_TOKEN. Default: a random one, "
                   "printed at start-up.")
@click.option("--read-only", is_flag=True, help="Refuse every write (no token accepted).")
@click.option("--max-upload", default=DEFAULT_MAX_UPLOAD, show_default=True, type=click.IntRange(1024),
              help="Largest request body (an uploaded report), in bytes.")
@click.pass_obj
@handle_errors
def serve(obj: Context, db_path: str | None, host: str, port: int, token: str | None, read_only: bool,
          max_upload: int) -> None:
    """Serve the web UI and REST API (OpenAPI at /docs) over the store."""
    require("web", "the web app (dossier serve)")
    import uvicorn

    from dossier.serve.app import create_app

    if token is not None and len(token) < 16:
        raise UsageError("--token must be at least 16 characters")
    if not read_only and token is None:
        token = secrets.token_urlsafe(24)
    loopback = _loopback(host)
    if not loopback:
        echo(f"dossier: warning: binding {host} exposes the store beyond this machine", err=True)
    settings = Settings(db=db_path or obj.db, token=None if read_only else token, max_upload=max_upload,
                        allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    app = create_app(settings)  # creates an empty store when there is none, so reports can be added from the UI
    SQLiteStore(settings.db, readonly=True).close()  # a wrong schema version is one line here, not a 503 later
    # build the index while uvicorn starts: on a large store the first page would otherwise wait for it
    threading.Thread(target=_warm, args=(app.state.dossier,), name="dossier-index", daemon=True).start()
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if settings.token:
        echo(f"dossier: serving {settings.db} at {url}#token={settings.token}", err=True)
    else:
        echo(f"dossier: serving {settings.db} read-only at {url}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
