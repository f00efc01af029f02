"""What every command shares: the ``Context`` that opens the store, ``handle_errors`` (each expected failure one
line and an exit code) and ``emit_json``. Kept apart from ``main`` (which registers the commands) so the
commands import this and ``main`` imports them, without a cycle."""

from __future__ import annotations

import datetime
import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from dossier.exc import DossierError, RunError
from dossier.store import SQLiteStore, open_store

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> None:
    from dossier.cli.terminal import safe

    click.echo(f"dossier: error: {safe(message)}", err=True)
    sys.exit(code)


def handle_errors(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except RunError as e:
            fail(str(e), e.exit_code)
        except DossierError as e:
            fail(str(e), 1)
        except BrokenPipeError:
            sys.stderr.close()  # `dossier entities | head` is fine
            sys.exit(0)
        except KeyboardInterrupt:
            fail("interrupted; every document reported as ingested is committed", 130)

    return wrapper  # type: ignore[return-value]


class Context:
    def __init__(self, db: str) -> None:
        self.db = db

    def store(self, *, readonly: bool = False, sync: str = "NORMAL") -> SQLiteStore:
        return open_store(self.db, readonly=readonly, sync=sync)


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True))


def check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A click callback: ``--date`` as YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
