"""Resource limits for ingest, and the wording used when an input exceeds one.

Every limit exists because a measured input broke an unguarded run (see docs/limits.md): a 50 MB text file,
a 1 MB HTML page that takes minutes to parse, a 200 KB gzip that expands to 200 MB. The defaults are the
documented starting points; the CLI overrides them with ``--max-bytes``, ``--max-chars``, ``--parse-timeout``
and ``--worker-memory``.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.exc import UsageError

_UNITS = (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024))


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document caps applied by every ingest path (files, folders, stdin)."""

    max_bytes: int = 20 * 1024 * 1024  # input file size, checked with stat() before reading
    max_chars: int = 2_000_000  # text after extraction and cleaning
    max_decompressed: int = 20 * 1024 * 1024  # reserved: compressed input is rejected, never inflated
    parse_timeout: float = 30.0  # wall-clock seconds per document in the worker
    worker_memory: int = 2 * 1024**3  # RLIMIT_AS of a parse worker, in bytes

    def __post_init__(self) -> None:
        # Validated once here so that a bad flag is a usage error, not a confusing failure per document.
        for name in ("max_bytes", "max_chars", "max_decompressed", "worker_memory"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise UsageError(f"ingest limit {name} must be a positive integer, got {value!r}")
        timeout = self.parse_timeout
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < float("inf"):
            raise UsageError(f"ingest limit parse_timeout must be a positive number of seconds, got {timeout!r}")


def format_bytes(n: int) -> str:
    """Human size in binary units: ``52428800`` → ``"50.0 MiB"``, ``20971520`` → ``"20 MiB"``.

    Whole multiples print without a decimal so that limits read the way they were set.
    """
    for unit, size in _UNITS:
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if n % size == 0 else f"{value:.1f} {unit}"
    return f"{n} B"


def format_seconds(seconds: float) -> str:
    """``30.0`` → ``"30 s"``, ``2.5`` → ``"2.5 s"``: how a timeout appears in rejection reasons."""
    return f"{seconds:g} s"


def too_large_reason(size: int, limits: Limits) -> str:
    """The one wording for an input over ``max_bytes``, whether seen by stat() or while reading."""
    return f"{format_bytes(size)} exceeds --max-bytes ({format_bytes(limits.max_bytes)})"


def over_limit_reason(limits: Limits) -> str:
    """For a stream whose full size is unknown: we stop reading one byte past the limit."""
    return f"more than {format_bytes(limits.max_bytes)}: exceeds --max-bytes ({format_bytes(limits.max_bytes)})"


def too_long_reason(chars: int, limits: Limits) -> str:
    return f"text too long: {chars:,} characters exceeds {limits.max_chars:,} (--max-chars)"


def timeout_reason(limits: Limits) -> str:
    return f"parsing timed out after {format_seconds(limits.parse_timeout)}"
