"""Metadata given beside a report: a sidecar JSON file that names its title, date and publisher.

A report saved as text often loses what its page said about it (the date, the outlet). A file
``report.txt.json`` (or ``report.meta.json``) next to ``report.txt`` restores it::

    {"title": "Kidnapper Detained in Kabul Province", "published": "2010-12-16", "publisher": "ISAF"}

``published`` (or ``date``) is an ISO 8601 date or timestamp; only the day is kept. What the sidecar gives
overrides what the text suggests: a person wrote it down for this file. A sidecar that cannot be read or has a
bad field costs only that field, with one warning on the document naming the file and the field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from dataclasses import dataclass

from dossier.ingest.clean import one_line
from dossier.model.records import Document

MAX_SIDECAR_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Sidecar:
    name: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    warnings: tuple[str, ...] = ()


def sidecar_paths(path: str) -> list[str]:
    """Where a sidecar of ``path`` may be: ``path + ".json"``, then ``stem + ".meta.json"``."""
    stem = os.path.splitext(path)[0]
    return [path + ".json", stem + ".meta.json"]


def is_sidecar(path: str) -> bool:
    """A ``.json`` file that sits beside a document it describes (a folder walk skips it silently)."""
    if path.endswith(".meta.json"):
        base = path[: -len(".meta.json")]
        folder, stem = os.path.split(base)
        try:
            return any(os.path.splitext(n)[0] == stem and not n.endswith(".json") for n in os.listdir(folder or "."))
        except OSError:
            return False
    return path.endswith(".json") and os.path.isfile(path[: -len(".json")])


def _iso_day(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def read_sidecar(path: str) -> Sidecar | None:
    """The sidecar of the document at ``path``, or ``None`` when there is none."""
    for candidate in sidecar_paths(path):
        if os.path.isfile(candidate):
            break
    else:
        return None
    name = os.path.basename(candidate)
    try:
        with open(candidate, "rb") as fh:
            raw = fh.read(MAX_SIDECAR_BYTES + 1)
        if len(raw) > MAX_SIDECAR_BYTES:
            return Sidecar(name, warnings=(f"sidecar {name}: larger than {MAX_SIDECAR_BYTES:,} bytes, ignored",))
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        reason = "not valid UTF-8 JSON" if not isinstance(err, OSError) else "cannot be read"
        return Sidecar(name, warnings=(f"sidecar {name}: {reason}, ignored",))
    if not isinstance(data, dict):
        return Sidecar(name, warnings=(f"sidecar {name}: not a JSON object, ignored",))
    warnings: list[str] = []
    fields: dict[str, str | None] = {}
    for key in ("title", "publisher"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str) and one_line(value):
            fields[key] = one_line(value)
        else:
            warnings.append(f"sidecar {name}: field {key!r} is not a non-empty string, ignored")
    raw_date = data.get("published", data.get("date"))
    if raw_date is not None:
        fields["published"] = _iso_day(raw_date)
        if fields["published"] is None:
            warnings.append(f"sidecar {name}: field 'published' is not an ISO 8601 date, ignored")
    return Sidecar(name, fields.get("title"), fields.get("published"), fields.get("publisher"), tuple(warnings))


def apply_sidecar(document: Document, sidecar: Sidecar) -> Document:
    """``document`` with what the sidecar states in place of what the text suggested."""
    changes: dict[str, object] = {}
    if sidecar.title:
        changes["title"] = sidecar.title
    if sidecar.published:
        changes["published"], changes["published_inferred"] = sidecar.published, False
    if sidecar.publisher:
        changes["publisher"] = sidecar.publisher
    if sidecar.warnings:
        changes["warnings"] = (*document.warnings, *sidecar.warnings)
    return dataclasses.replace(document, **changes) if changes else document  # type: ignore[arg-type]
