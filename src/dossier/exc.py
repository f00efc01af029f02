"""All dossier errors share one base, in two kinds.

* ``InputRejected`` — skip this item: the document is recorded as rejected with a reason and the batch goes on.
* ``RunError`` — stop the run: the store is unreachable, its schema is from another version, a usage error.

Messages are one line, name the file or field, and say what to do where there is something to do.
"""

from __future__ import annotations


class DossierError(Exception):
    """Base class of every error dossier raises on purpose."""


class InputRejected(DossierError):
    """A single input cannot be ingested; the caller records the reason and continues."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RunError(DossierError):
    """The run cannot continue (exit code 2 for usage/schema problems, 1 otherwise)."""

    exit_code = 1


class StoreError(RunError):
    """The store cannot be opened or written."""


class SchemaVersionError(StoreError):
    """The store was written by another version of dossier."""

    exit_code = 2


class UsageError(RunError):
    exit_code = 2


# The optional extras (pyproject.toml) and a module each must make importable: ``require`` names the extra in one
# line instead of a traceback when a feature's libraries are not installed (docs/dependencies.md).
EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn"),
    "ftm": ("followthemoney", "rigour"),
    "parquet": ("pyarrow",),
    "ray": ("ray",),
}


class MissingExtra(UsageError):
    """A feature whose optional dependencies (``pip install 'dossier[extra]'``) are not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the {extra} extra: pip install 'dossier[{extra}]'")
        self.extra = extra


def require(extra: str, feature: str) -> None:
    """Raise ``MissingExtra`` unless every library of ``extra`` imports; called where a feature starts, before
    the modules that import those libraries at their top."""
    import importlib

    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingExtra(feature, extra) from None
