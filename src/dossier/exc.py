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
