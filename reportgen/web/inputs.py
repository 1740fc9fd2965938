"""The cache key of a request: a hash of everything that can change the document.

Ten managers asking for the same scorecard must cost one build, and a corrected data
file must never be answered with last week's PDF. So the key is the SHA-256 of the
request (report, period, area, format) together with the *content* of every input file:
the spec, its template folder and the shared base theme, the narrative snippets, the
data folder, and for a pack every report and file on its agenda, plus the engine itself
(the reportgen version and its source, so an upgrade rebuilds).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import reportgen
from reportgen.compose.spec import load_spec
from reportgen.compose.template import find_template
from reportgen.render.theme import BASE_FOLDER
from reportgen.web.catalogue import Resolved

_PACKAGE = Path(__file__).resolve().parents[1]  # the reportgen package folder


class FileHashes:
    """SHA-256 of files, remembered while a file's size and modification time hold."""

    def __init__(self) -> None:
        self._known: dict[tuple[Path, int, int], str] = {}
        self._lock = threading.Lock()

    def sha256(self, path: Path) -> str:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._known.get(key)
        if known is None:
            known = hashlib.sha256(path.read_bytes()).hexdigest()
            with self._lock:
                self._known[key] = known
        return known


def _files_under(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith((".", "__")) for part in p.relative_to(folder).parts)
        and p.suffix != ".part"
    )


def report_inputs(spec_path: Path) -> list[Path]:
    """Every file a report build reads: spec, template, base theme, narratives, data."""
    spec_path = spec_path.resolve()
    spec = load_spec(spec_path)
    base = spec_path.parent
    template = find_template(spec.template, base)
    folders = [
        template,
        BASE_FOLDER,
        (base / spec.narratives).resolve(),
        (base / spec.data).resolve(),
    ]
    return [spec_path, *(f for folder in folders for f in _files_under(folder))]


def pack_inputs(meeting_path: Path) -> list[Path]:
    """Every file a pack build reads: the meeting spec, each item's files, its template."""
    from reportgen.pack.spec import item_path, load_meeting, numbered_items

    meeting_path = meeting_path.resolve()
    meeting = load_meeting(meeting_path)
    files = [meeting_path, *_files_under(find_template(meeting.template, meeting_path.parent))]
    for _, item in numbered_items(meeting):
        source = item_path(meeting_path, item)
        if source is None:
            continue
        files += report_inputs(source) if item.report else [source]
    return files


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """The reportgen version and a hash of its source (the web shell excluded)."""
    digest = hashlib.sha256(reportgen.__version__.encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        if "web" not in path.relative_to(_PACKAGE).parts[:1]:
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            digest.update(path.read_bytes())
    return f"{reportgen.__version__}+{digest.hexdigest()[:16]}"


def cache_key(request: Resolved, hashes: FileHashes) -> str:
    """The hex key under which the finished file for ``request`` is kept."""
    return _key_for(request, _inputs(request), hashes)


def _inputs(request: Resolved) -> list[Path]:
    entry = request.entry
    files: Iterable[Path] = (
        report_inputs(entry.path) if entry.kind == "report" else pack_inputs(entry.path)
    )
    return sorted(set(files))


Stamp = tuple[tuple[str, int, int], ...]


def _stamp(paths: Iterable[Path]) -> Stamp:
    """Name, modification time and size of each path: a change to any is a new stamp."""
    found = []
    for path in paths:
        try:
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            found.append((str(path), -1, -1))
    return tuple(found)


class KeyCache:
    """Cache keys remembered until one of their inputs changes.

    Working a key out reads and parses the spec, walks the template, narrative and data
    folders and hashes every file. Fifty identical requests must not do that fifty
    times, so each key is kept with a stamp of its input files and the folders holding
    them (a new file changes its folder's time): checking costs a ``stat`` per path.
    """

    def __init__(self, hashes: FileHashes | None = None) -> None:
        self.hashes = hashes or FileHashes()
        self._known: dict[tuple[object, ...], tuple[list[Path], Stamp, str]] = {}
        self._lock = threading.Lock()
        self.computed = 0  # keys worked out from scratch (tests: once per change)

    def key(self, request: Resolved) -> str:
        entry = request.entry
        ident = (
            str(entry.path),
            entry.kind,
            entry.variant,
            request.period,
            request.area,
            request.format,
        )
        with self._lock:
            known = self._known.get(ident)
        if known is not None and _stamp(known[0]) == known[1]:
            return known[2]
        files = _inputs(request)
        watch = sorted({*files, *(f.parent for f in files)})
        stamp = _stamp(watch)
        key = _key_for(request, files, self.hashes)
        with self._lock:
            if len(self._known) > 10_000:  # every period x area x format asked: start over
                self._known.clear()
            self._known[ident] = (watch, stamp, key)
            self.computed += 1
        return key


def _key_for(request: Resolved, unique: list[Path], hashes: FileHashes) -> str:
    entry = request.entry
    payload = {
        "engine": engine_fingerprint(),
        "kind": entry.kind,
        "variant": entry.variant,
        "period": request.period,
        "area": request.area,
        "format": request.format,
        "files": [[str(p), hashes.sha256(p)] for p in unique],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
