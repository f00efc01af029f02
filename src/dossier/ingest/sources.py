"""Turn the paths a user names into inputs to parse, without reading them and without ever blocking.

This runs in the main process and only looks at metadata (``stat``): contents are read by the parse worker,
so one huge or hostile file cannot stall or bloat the process that drives the batch. Folders are walked in
sorted order, so the same folder always yields the same inputs in the same order.

Policy for files that are not documents (documented in docs/limits.md):

* a file named explicitly with an unsupported extension is a :class:`Rejection`
  ("unsupported file type (.png)");
* inside a folder such files are skipped and *counted* by extension on the walk's :attr:`InputWalk.skipped`,
  which the caller reports once ("12 files skipped (unsupported extension: .jpg 10, .pdf 2)") rather than as
  one line per photo; hidden files and folders (name starting with ".") are skipped without counting.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from dossier.ingest.limits import Limits, over_limit_reason, too_large_reason
from dossier.ingest.sidecar import is_sidecar
from dossier.model.records import Rejection

STDIN = "<stdin>"
TEXT_EXTENSIONS = frozenset({".txt", ".text"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
PDF_EXTENSIONS = frozenset({".pdf"})
WARC_EXTENSIONS = frozenset({".warc", ".warc.gz"})
DOCUMENT_EXTENSIONS = TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS | PDF_EXTENSIONS | WARC_EXTENSIONS
# Formats we know but read another way: a clearer reason than "unsupported".
_LATER = {
    ".rss": "a feed: use --feed FILE",
    ".atom": "a feed: use --feed FILE",
    ".xml": "XML is not read as a report (a feed? use --feed FILE)",
}


@dataclass(frozen=True, slots=True)
class InputRef:
    """What the main process hands a worker: a path to read, or bytes already read (stdin)."""

    source: str  # display name: the path as given (folder members joined to it), or "<stdin>"
    path: str | None = None
    data: bytes | None = None
    media_type: str | None = None  # what a server declared for fetched bytes (decides HTML or text)


def extension(path: str) -> str:
    """Lower-case extension with its dot (``".html"``; ``".warc.gz"`` for a compressed web archive), ``""``
    when there is none."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".gz" and path.lower().endswith(".warc.gz"):
        return ".warc.gz"
    return ext


def media_type_for(path: str) -> str:
    ext = extension(path)
    if ext in HTML_EXTENSIONS:
        return "text/html"
    if ext in MARKDOWN_EXTENSIONS:
        return "text/markdown"
    if ext in PDF_EXTENSIONS:
        return "application/pdf"
    return "text/plain"


def _unsupported_reason(path: str) -> str:
    ext = extension(path)
    if ext in _LATER:
        return _LATER[ext]
    return f"unsupported file type ({ext})" if ext else "unsupported file type (no extension)"


def os_reason(err: OSError, path: str) -> str:
    """One line for an OS error, without Python's repr of the path."""
    if err.errno == errno.ELOOP:
        return "symlink loop"
    if err.errno == errno.ENOENT:
        if os.path.lexists(path):
            return "broken symlink (target does not exist)"
        return "no such file or directory"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return (err.strerror or type(err).__name__).lower()


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


class InputWalk(Iterator[InputRef | Rejection]):
    """The iterator :func:`iter_inputs` returns; after (or during) iteration, ``skipped`` counts the folder
    members left out for their extension."""

    def __init__(self, paths: Sequence[str], limits: Limits, stdin: BinaryIO | None = None) -> None:
        self.skipped: Counter[str] = Counter()
        self._limits = limits
        self._stdin = stdin
        self._visited: set[tuple[int, int]] = set()  # every folder read so far, as (device, inode)
        self._it = self._walk(paths)

    def __next__(self) -> InputRef | Rejection:
        return next(self._it)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def skipped_message(self) -> str | None:
        """``"3 files skipped (unsupported extension: .png 2, .pdf 1)"``, or ``None`` when none were."""
        total = self.skipped_total
        if not total:
            return None
        parts = ", ".join(f"{ext or '(none)'} {n}" for ext, n in sorted(self.skipped.items()))
        noun = "file" if total == 1 else "files"
        return f"{total} {noun} skipped (unsupported extension: {parts})"

    def _walk(self, paths: Sequence[str]) -> Iterator[InputRef | Rejection]:
        for given in paths:
            if given == "-":
                yield self._read_stdin()
                continue
            path = os.path.expanduser(given)
            try:
                st = os.stat(path)
            except OSError as err:
                yield Rejection(given, os_reason(err, path))
                continue
            if stat.S_ISDIR(st.st_mode):
                yield from self._walk_dir(path, st)
            else:
                yield self._file(path, st, explicit=True)

    def _file(self, path: str, st: os.stat_result, explicit: bool) -> InputRef | Rejection:
        if not stat.S_ISREG(st.st_mode):
            # A FIFO would block open() until a writer appears; a device may never end. Neither is opened.
            return Rejection(path, f"not a regular file ({file_kind(st.st_mode)})")
        if explicit and extension(path) not in DOCUMENT_EXTENSIONS:
            return Rejection(path, _unsupported_reason(path))
        if st.st_size > self._limits.max_bytes:
            return Rejection(path, too_large_reason(st.st_size, self._limits))
        if not os.access(path, os.R_OK):
            return Rejection(path, "permission denied")
        return InputRef(source=path, path=path)

    def _walk_dir(self, root: str, root_st: os.stat_result) -> Iterator[InputRef | Rejection]:
        """Depth first, entries sorted by name; each folder is read once, however many links lead to it.

        An explicit stack rather than recursion: a hostile tree 2,000 folders deep must not hit Python's
        recursion limit.
        """
        # Each frame: the folder's path, the (device, inode) of it and its ancestors, and its remaining names.
        stack: list[tuple[str, frozenset[tuple[int, int]], Iterator[str]]] = []
        entered = self._enter(root, root_st, frozenset())
        if isinstance(entered, Rejection):
            yield entered
            return
        stack.append(entered)
        while stack:
            folder, ancestors, names = stack[-1]
            name = next(names, None)
            if name is None:
                stack.pop()
                continue
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)  # follows symlinks: a link to a file is read as that file
            except OSError as err:
                yield Rejection(path, os_reason(err, path))
                continue
            if stat.S_ISDIR(st.st_mode):
                entered = self._enter(path, st, ancestors)
                if isinstance(entered, Rejection):
                    yield entered
                else:
                    stack.append(entered)
            elif stat.S_ISREG(st.st_mode) and extension(name) not in DOCUMENT_EXTENSIONS:
                if not (extension(name) == ".json" and is_sidecar(path)):  # metadata of a report beside it
                    self.skipped[extension(name)] += 1
            else:
                yield self._file(path, st, explicit=False)

    def _enter(
        self, folder: str, st: os.stat_result, ancestors: frozenset[tuple[int, int]]
    ) -> tuple[str, frozenset[tuple[int, int]], Iterator[str]] | Rejection:
        """List ``folder`` (sorted by UTF-8 bytes), or say why it is not read."""
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            return Rejection(folder, "symlink loop (links to a folder that contains it)")
        if key in self._visited:
            return Rejection(folder, "folder already read through another path (symlink)")
        self._visited.add(key)
        try:
            with os.scandir(folder) as it:
                names = sorted((e.name for e in it), key=lambda n: n.encode("utf-8", "surrogateescape"))
        except OSError as err:
            return Rejection(folder, f"cannot list folder: {os_reason(err, folder)}")
        return folder, ancestors | {key}, iter(names)

    def _read_stdin(self) -> InputRef | Rejection:
        stream = self._stdin if self._stdin is not None else sys.stdin.buffer
        try:
            data = stream.read(self._limits.max_bytes + 1)
        except OSError as err:
            return Rejection(STDIN, f"cannot read standard input: {os_reason(err, STDIN)}")
        if len(data) > self._limits.max_bytes:
            return Rejection(STDIN, over_limit_reason(self._limits))
        return InputRef(source=STDIN, data=data)


def iter_inputs(paths: Sequence[str], limits: Limits, stdin: BinaryIO | None = None) -> InputWalk:
    """Inputs for ``paths`` (files, folders, ``"-"`` for stdin), in order; problems become rejections.

    Returns an iterator of ``InputRef | Rejection`` whose ``skipped`` counter tells what folders held besides
    documents. Nothing is opened here except stdin and folders (``scandir``), so a FIFO cannot block the walk.
    """
    return InputWalk(paths, limits, stdin)
