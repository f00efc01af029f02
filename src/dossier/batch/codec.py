"""Extraction records to JSON and back, so that a Parquet shard holds them as plain, readable text.

The records are frozen dataclasses of strings, numbers, enums and tuples (model/records.py); the decoder walks
the type hints, so a record added or a field appended with a default needs no change here. JSON rather than
pickle: a shard written by one version can be read (and inspected with any Parquet tool) by another.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from functools import cache
from typing import Any

from dossier.model import Extraction


def plain(value: Any) -> Any:
    """A record as JSON-ready dicts, lists and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def encode(extraction: Extraction) -> str:
    """One extraction as a JSON object (keys in field order, so equal records give equal text)."""
    return json.dumps(plain(extraction), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def build(tp: Any, value: Any) -> Any:
    """The record of type ``tp`` from :func:`plain`'s output."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return build(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(build(args[0], v) for v in value)
        return tuple(build(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{name: build(hints[name], v) for name, v in value.items()})
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    return value


def decode(text: str) -> Extraction:
    """The inverse of :func:`encode`."""
    built: Extraction = build(Extraction, json.loads(text))
    return built
