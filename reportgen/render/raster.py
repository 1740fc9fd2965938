"""PNG copies of the SVG charts, for the writers that cannot embed SVG (Word, HTML).

Why Typst and not matplotlib: drawing each chart a second time with matplotlib's Agg
renderer at 200 dpi cost about 65 ms a chart, three times the chart's SVG, and was most
of a warm DOCX + PDF build (issue 20). Typst, already the PDF engine, rasterises every
SVG of a document in one compile at about 20 ms a chart, from the very SVG the PDF
embeds, so the Word and PDF pictures cannot differ. Text in the SVG stays text until
this point and is set in the same fonts (the chart style names Liberation Sans first).

Each picture comes out at exactly its printed size at ``PPI`` (one page per picture,
no margin). Results are kept by the SVG's content, so a warm process (the web service,
a batch) rasterises each chart once; where the disk chart cache is on (the command
line: ``reportgen.filestore``) they are kept there too, so a cold build
rasterises only charts it has not rasterised before (about 0.2 s of CPU a report).

``start`` runs that compile on a worker thread (typst-py lets go of the GIL while it
compiles) and ``png`` waits for a picture only when its bytes are read: the Word writer
builds its whole body while the pictures are made, and reads them when it zips the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache, lru_cache
from typing import Any

from reportgen import model as m

__all__ = ["AHEAD", "PPI", "forget", "images_in", "png", "rasterise", "start", "start_ahead"]

#: Pixels per inch of the Word pictures: sharp when printed, and as matplotlib's were.
PPI = 200
_KEEP = 512  # pictures remembered by one process (a few MB)
_MEMO: OrderedDict[str, bytes] = OrderedDict()
_PENDING: dict[str, Future[None]] = {}  # pictures started and not yet made, by SVG key
_QUEUE: dict[str, m.Image] = {}  # of those, the ones the worker has not yet taken
_DRAINING = False  # the worker has a task taking from _QUEUE
_LOCK = threading.Lock()  # guards the four above (the worker writes them)


@lru_cache(maxsize=1)
def _fonts() -> Any:
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


def _key(svg: bytes) -> str:
    return hashlib.sha256(svg).hexdigest()


def _page(index: int, image: m.Image) -> str:
    return (
        f"#page(width: {image.width_mm}mm, height: {image.height_mm}mm, margin: 0pt)"
        f'[#image(bytes(sys.inputs.at("c{index}")), format: "svg", '
        'width: 100%, height: 100%, fit: "stretch")]\n'
    )


def forget() -> None:
    """Forget every picture made (a benchmark drawing a new area's charts; tests)."""
    for future in _pending_futures():
        future.exception()  # let a compile still running finish before forgetting
    with _LOCK:
        _MEMO.clear()


def rasterise(images: Iterable[m.Image]) -> None:
    """Rasterise, in one Typst compile, every picture here that has only an SVG."""
    todo = _claim(images)
    if todo:
        _compile(todo)


#: Start pictures while a document is composed (``start_ahead``)? Not in a process whose
#: documents another renders (the command line's render helper: ``reportgen.cli.helper``):
#: there the pictures would be made, or read from the disk cache, for nothing.
AHEAD = True


def start_ahead(images: Iterable[m.Image]) -> None:
    """``start``, called by a composer as each chart is drawn, unless ``AHEAD`` is off."""
    if AHEAD:
        start(images)


def start(images: Iterable[m.Image]) -> None:
    """Begin rasterising, on a worker thread, the pictures here not made or begun.

    Why: the compile (about 20 ms a chart) needs no Python, so it runs while the caller
    goes on writing; ``png`` waits for a picture only if it is not yet made. Pictures
    started while the worker is busy (charts drawn one by one) wait for it together and
    go into its next compile, so a compile's own cost is paid a few times, not once a
    chart. An error in a compile is raised by ``png`` for each picture it was making.
    """
    global _DRAINING
    todo = _claim(images)  # imports the disk cache's module here, too
    if not todo:
        return
    # Imported here, never first on the worker: a fork while the worker held the import
    # lock would leave it held in the child, whose own png() would then hang.
    import typst  # noqa: F401

    with _LOCK:
        for key, image in todo.items():
            _PENDING[key] = Future()
            _QUEUE[key] = image
        if _DRAINING:
            return
        _DRAINING = True
    try:
        _worker().submit(_drain)
    except RuntimeError:  # no new threads (the interpreter is shutting down): here
        _drain()


@lru_cache(maxsize=1)
def _worker() -> ThreadPoolExecutor:
    """One thread: the compile has a core to itself while Python writes on the other."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportgen-raster")


def _drain() -> None:
    """The worker's task: compile what is queued, in one go, until nothing is."""
    global _DRAINING
    while True:
        with _LOCK:
            batch = dict(_QUEUE)
            _QUEUE.clear()
            if not batch:
                _DRAINING = False
                return
            futures = {key: _PENDING[key] for key in batch}
        _compile_for(batch, futures)


def _compile_for(todo: dict[str, m.Image], futures: dict[str, Future[None]]) -> None:
    """One compile, then each picture's future told how it went (no longer pending by
    then, so a reader finds it made or makes it itself)."""
    error: BaseException | None = None
    try:
        _compile(todo)
    except BaseException as raised:  # handed to whoever reads a picture
        error = raised
    with _LOCK:
        for key, future in futures.items():
            if _PENDING.get(key) is future:
                del _PENDING[key]
    for future in futures.values():
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)


def _after_fork_in_child() -> None:
    """A forked child has none of its parent's threads: a new worker, lock and queue
    (reportgen's own pools spawn, but a caller's may fork)."""
    global _LOCK, _DRAINING
    _LOCK = threading.Lock()
    _PENDING.clear()
    _QUEUE.clear()
    _DRAINING = False
    _worker.cache_clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


def _pending_futures() -> list[Future[None]]:
    with _LOCK:
        return list(_PENDING.values())


def _claim(images: Iterable[m.Image]) -> dict[str, m.Image]:
    """key -> picture for each SVG-only picture neither made nor being made."""
    todo: dict[str, m.Image] = {}
    for image in images:
        if image.png is None and image.svg is not None:
            key = _key(image.svg)
            with _LOCK:
                known = key in _MEMO or key in _PENDING
            if not known and not _from_disk(key, image):
                todo.setdefault(key, image)
    return todo


#: A rasterised picture as the disk chart cache keeps it: a PNG file, nothing else.
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _disk_name(image: m.Image) -> str:
    """The picture's file in the disk chart cache, named by everything its pixels
    depend on: the SVG, the printed size, ``PPI`` and the Typst that rasterises it."""
    import typst

    digest = hashlib.sha256(image.svg or b"")
    version = getattr(typst, "__version__", "")  # typst-py has it; its stubs do not
    stamp = f"|{image.width_mm!r}x{image.height_mm!r}mm|{PPI}|typst {version}"
    digest.update(stamp.encode("utf-8"))
    return f"raster-{digest.hexdigest()}.png"


def _from_disk(key: str, image: m.Image) -> bool:
    """Remember the picture from the disk chart cache (``reportgen.filestore``,
    on for the command line) if it is there: a cold build then rasterises no chart it
    rasterised before. True if found."""
    from reportgen import filestore

    if filestore.folder() is None:
        return False
    data = filestore.load_bytes(_disk_name(image))
    if data is None or not data.startswith(_PNG_SIGNATURE):
        return False
    _remember({key: data})
    return True


def _to_disk(made: dict[str, bytes], todo: dict[str, m.Image]) -> None:
    from reportgen import filestore

    if filestore.folder() is not None:
        for key, data in made.items():
            filestore.store_bytes(_disk_name(todo[key]), data)


def _compile(todo: dict[str, m.Image]) -> dict[str, bytes]:
    """One Typst compile for every picture in ``todo``, remembered by key."""
    made = dict(zip(todo, _typst_pngs(list(todo.values())), strict=True))
    _to_disk(made, todo)
    _remember(made)
    return made


def _remember(made: dict[str, bytes]) -> None:
    """Keep ``made`` in the process's memo, the oldest dropped past ``_KEEP`` (never
    one of ``made``: a report with more pictures than that keeps them all)."""
    with _LOCK:
        _MEMO.update(made)
        while len(_MEMO) > max(_KEEP, len(made)):
            _MEMO.popitem(last=False)


def _typst_pngs(images: list[m.Image]) -> list[bytes]:
    import typst

    source = "".join(_page(i, image) for i, image in enumerate(images))
    inputs = {f"c{i}": (image.svg or b"").decode("utf-8") for i, image in enumerate(images)}
    pages = typst.compile(
        source.encode("utf-8"), format="png", ppi=PPI, font_paths=_fonts(), sys_inputs=inputs
    )
    return pages if isinstance(pages, list) else [pages]


def images_in(node: Any) -> list[m.Image]:
    """Every picture in a model node (a document, a block, a table), in order."""
    found: list[m.Image] = []
    if not isinstance(node, _LEAVES):
        _collect(node, found)
    return found


#: What holds no picture (scalars, runs of text): skipped without a dataclass check (a
#: report's model is some 13,000 nodes, and ``dataclasses.fields`` on each cost 40 ms).
_LEAVES = (str, int, float, bytes, type(None), m.Text)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _collect(node: Any, found: list[m.Image]) -> None:
    """Leaves are skipped before the call, not inside it: most of the nodes are runs of
    text in tuples, and a call each was most of the walk."""
    if isinstance(node, m.Image):
        found.append(node)
    elif isinstance(node, tuple | list):
        for item in node:
            if not isinstance(item, _LEAVES):
                _collect(item, found)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for name in _field_names(type(node)):
            value = getattr(node, name)
            if not isinstance(value, _LEAVES):
                _collect(value, found)


def png(image: m.Image) -> bytes | None:
    """The picture's PNG: its own, else its SVG rasterised (None with neither); waits
    for a worker still making it."""
    if image.png is not None:
        return image.png
    if image.svg is None:
        return None
    key = _key(image.svg)
    with _LOCK:
        pending = _PENDING.get(key)
    if pending is not None:
        pending.result()  # raises the compile's error
    with _LOCK:
        data = _MEMO.get(key)
        if data is not None:
            _MEMO.move_to_end(key)
            return data
    return _compile({key: image})[key]
