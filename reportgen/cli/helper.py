"""A second process that reads and renders while this one composes: ``reportgen build``
on two cores from its first tenth of a second.

Why: a cold build was one long chain on one core (import pandas and the composers,
read the data, compute, compose, then the writers with their own imports: Typst and
pikepdf, python-docx). At the start of ``build`` this process forks a helper, which

1. reads the first spec's data folder (pandas, the CSV checks: about 0.2 s) while the
   parent imports pydantic, the composers and pandas, and hands the dataset over
   (``reportgen.pipeline.dataset_source``; the parent reads the folder itself if the
   helper could not, or if its files changed in between: their key is compared);
2. imports the writers the build needs and builds their font sets;
3. renders the composed document (a pickle of frozen dataclasses, a few ms each way)
   to DOCX and PDF and sends the bytes back, while the parent, idle otherwise, writes
   the XLSX.

The parent still writes every file, all or none (``reportgen.atomic``): the helper
changes who computes bytes, never what is written.

Errors: an exception in the helper (a ``ReportgenError``, Typst refusing a document)
comes back and is raised in the parent as if it had been raised there, so the CLI
prints the same one line and exits 2. If the helper itself is lost (killed, out of
memory) the parent renders in-process instead. The helper is used only by the real
command line (``main``), never inside a test's ``CliRunner``, only in a
single-threaded process on a system with ``fork`` and a spare core (``spare_core``),
and not at all with ``REPORTGEN_RENDER_HELPER=0`` (``=1``: even when busy).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from reportgen import model as m
    from reportgen.pipeline import Format

#: "0": render in the building process itself; "1": a helper even on a busy machine;
#: unset: a helper when there is a spare core.
ENV = "REPORTGEN_RENDER_HELPER"
#: Environment the helper must see as the parent has it when a request is made.
PASSED_ENV = ("SOURCE_DATE_EPOCH", "REPORTGEN_")

#: Set by ``reportgen.cli.main``: only a real command-line process forks a helper.
enabled = False

#: What both processes use, imported before the fork so that it is imported once: the
#: helper reads the data with pandas, the parent composes from it (and unpickles it).
SHARED = ("reportgen.indicators", "reportgen.pipeline", "reportgen.api")


def preloads(formats: tuple[str, ...], engine: str | None) -> tuple[str, ...]:
    """The writer modules a build of ``formats`` will import, for the helper to import
    while the parent composes (``engine``: the PDF engine when already known)."""
    wanted: list[str] = ["reportgen.api", "reportgen.render.theme", "reportgen.render.engine"]
    if "docx" in formats:
        wanted += ["reportgen.render.docx", "reportgen.render.raster"]
    if engine in (None, "typst") and {"docx", "pdf"} & set(formats):
        wanted.append("reportgen.render.typst")  # the PDF, and a Word contents list's pages
    if engine == "weasyprint" and "pdf" in formats:
        wanted.append("reportgen.render.pdf")
    if "html" in formats:
        wanted.append("reportgen.render.html")
    return tuple(wanted)


def _warm(modules: tuple[str, ...]) -> None:
    """Import ``modules`` and build the Typst font sets; any failure is left for the
    real render to meet (and report) in its own time."""
    for name in modules:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    for name, attr in (("reportgen.render.typst", "fonts"), ("reportgen.render.raster", "_fonts")):
        module = sys.modules.get(name)
        with contextlib.suppress(Exception):
            getattr(module, attr, lambda: None)()


#: The cyclic collector's thresholds in a build process (Python's: 700, 10, 10).
BUILD_GC = (50_000, 20, 10)


def relax_collector() -> None:
    """Collect cyclic garbage less often in a build. Why: importing pandas, pydantic,
    the composers and the writers makes some hundred thousand objects that live as long
    as the process, and the collector walked them again and again (5-7% of a cold
    build's CPU). A build is one short process that frees nothing big in cycles; young
    garbage is still collected every 50,000 allocations."""
    gc.set_threshold(*BUILD_GC)


def _share() -> None:
    """Import ``SHARED`` here, before forking. Why: pandas and numpy are a quarter of a
    cold build's CPU (about 0.3 s), and the two processes imported them side by side, on
    the same two cores; imported once before the fork, the helper starts reading the
    data at once and the parent, which needs pandas anyway, pays nothing extra. A
    failure is left for the command to meet (and report) in its own time."""
    for name in SHARED:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


class Reading(NamedTuple):
    """What the helper reads for the parent: a data folder, and the period and area
    whose indicators it computes from it (None: not known, none computed)."""

    folder: Path
    period: str | None = None
    area: str | None = None


def reading(spec: Path, period: str | None = None, area: str | None = None) -> Reading | None:
    """The data folder, period and area a report spec names (``period``/``area``: the
    command line's overrides), read without validating the spec (that is the parent's
    job, meanwhile); None if it cannot tell. A wrong guess only costs a miss: the
    parent compares before it takes anything."""
    try:
        import yaml

        path = Path(spec).resolve()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        value = data.get("data", "../data") if isinstance(data, dict) else None
        if not isinstance(value, str) or not value:
            return None
        period = period or data.get("period")
        area = area or data.get("area")
        return Reading(
            (path.parent / value).resolve(),
            period if isinstance(period, str) else None,
            area if isinstance(area, str) else None,
        )
    except Exception:
        return None


def _write(pipe: IO[bytes], payload: bytes) -> None:
    with contextlib.suppress(OSError):  # the parent has gone: nothing to tell
        pipe.write(payload)
        pipe.flush()


def _send_dataset(read: Reading, replies: IO[bytes]) -> threading.Thread:
    """Read the folder's dataset and compute the period's indicators, and send them from
    a thread (the pipe takes them as the parent reads), so the warm-up goes on
    meanwhile. Any failure sends none: the parent then does it itself and reports what
    is wrong as usual."""
    scope = (read.period, read.area)
    try:
        from reportgen.pipeline import read_dataset, results_for

        key, dataset = read_dataset(read.folder)
        results = None
        if read.period is not None:
            with contextlib.suppress(Exception):
                results = results_for(dataset, read.period, read.area)
        message = ("data", str(read.folder), key, dataset, scope, results)
        payload = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    except Exception:
        payload = pickle.dumps(("data", str(read.folder), None, None, scope, None))
    thread = threading.Thread(target=_write, args=(replies, payload), daemon=True)
    thread.start()
    return thread


def _serve(
    requests: IO[bytes], replies: IO[bytes], modules: tuple[str, ...], read: Reading | None
) -> None:
    """The helper's life: read the data, warm up, then render each request until the
    parent hangs up."""
    sending = _send_dataset(read, replies) if read is not None else None
    _warm(modules)
    if sending is not None:
        sending.join()  # the dataset goes first on the pipe
    while True:
        try:
            env, args = pickle.load(requests)
        except EOFError:
            return
        os.environ.update(env)
        try:
            reply: tuple[str, Any] = ("ok", _documents(args))
        except Exception as exc:  # raised in the parent, where the CLI reports it
            reply = ("error", _portable(exc))
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


def _documents(args: tuple[Any, ...]) -> dict[str, bytes]:
    """The DOCX/PDF/HTML of one request, by extension (``api.render_formats``), wherever
    they are rendered: in the helper, or here when it is lost."""
    from reportgen.api import render_formats

    return {str(f): data for f, data in render_formats(*args).items()}


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives a pickle round trip, else a RuntimeError with its traceback."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        text = "".join(traceback.format_exception(exc))
        return RuntimeError(f"render helper failed:\n{text}")


class RenderHelper:
    """The parent's end of one helper process: ``render`` has ``render_outputs``'s
    signature and results (``reportgen.api.Renderer``)."""

    def __init__(
        self, pid: int, requests: IO[bytes], replies: IO[bytes], read: Reading | None
    ) -> None:
        self.pid, self.requests, self.replies = pid, requests, replies
        self.alive = True
        self.read = read  # what the helper reads, if anything
        #: (folder, key, dataset, (period, area), results) once received
        self.data: tuple[str, Any, Any, Any, Any] | None = None

    @classmethod
    def start(cls, modules: tuple[str, ...], read: Reading | None = None) -> RenderHelper | None:
        """Fork a helper that reads ``read``'s data and imports ``modules``; None where
        one cannot be used."""
        if not usable():
            return None
        _share()
        gc.freeze()  # what both hold now: never walked again, nor copied by walking it
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: never returns into the CLI, never runs its atexit
            code = 0
            try:
                os.close(down_w)
                os.close(up_r)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _serve(os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb"), modules, read)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(down_r)
        os.close(up_w)
        from reportgen.api import rendered_elsewhere

        rendered_elsewhere()  # the helper renders: no Word pictures made here meanwhile
        return cls(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"), read)

    def _take_data(self) -> tuple[str, Any, Any, Any, Any] | None:
        """The helper's dataset message (read once: it comes first on the pipe)."""
        if self.read is not None and self.data is None and self.alive:
            try:
                _, *data = pickle.load(self.replies)
                self.data = (data[0], data[1], data[2], tuple(data[3]), data[4])
            except Exception:  # lost, or a dataset this process cannot unpickle
                self.close()
        return self.data

    def dataset(self, folder: Path, key: tuple[tuple[str, float], ...]) -> Any:
        """The helper's dataset if it is ``folder``'s with these very files, else None
        (``reportgen.pipeline.dataset_source``)."""
        data = self._take_data()
        if data is None or data[0] != str(folder) or data[1] != key:
            return None
        return data[2]

    def results(self, dataset: Any, period: str, area: str | None) -> Any:
        """The helper's indicators if computed from this very dataset (the one it sent)
        for this period and area, else None (``reportgen.pipeline.results_source``)."""
        data = self.data
        if data is None or data[2] is not dataset or data[3] != (period, area):
            return None
        return data[4]

    def render(
        self,
        doc: m.Document,
        template_dir: Path,
        formats: tuple[Format, ...],
        pdf_engine: str | None = None,
        project_engine: str | None = None,
    ) -> dict[str, bytes]:
        """Every file's bytes: the documents rendered by the helper (in-process if it
        is lost), the XLSX here meanwhile (this process is otherwise idle; the
        workbook takes some 10 ms, ``render.xlsx_package``)."""
        from reportgen.api import render_outputs, spreadsheet_outputs

        args = (doc, template_dir, formats, pdf_engine, project_engine)
        self._take_data()  # unread if this build never asked for it
        if not self._send(args):
            return render_outputs(*args)
        try:
            sheet, failed = spreadsheet_outputs(doc, formats), None
        except Exception as exc:  # raised after the documents' error, as in-process
            sheet, failed = {}, exc
        return self._receive(args) | _raise(failed) | sheet

    def _send(self, args: tuple[Any, ...]) -> bool:
        """Hand the helper a render; False if there is no helper (any more)."""
        if not self.alive:
            return False
        try:
            env = {k: v for k, v in os.environ.items() if k.startswith(PASSED_ENV)}
            pickle.dump((env, args), self.requests, protocol=pickle.HIGHEST_PROTOCOL)
            self.requests.flush()
            return True
        except Exception:  # a pipe gone, or a model that will not pickle: render here
            self.close()
            return False

    def _receive(self, args: tuple[Any, ...]) -> dict[str, bytes]:
        """The helper's documents, or its error raised here; rendered here if it is lost."""
        try:
            status, value = pickle.load(self.replies)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.close()  # lost: killed, out of memory; render here instead
            return _documents(args)
        if status == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the helper and reap it: it holds nothing the parent still needs."""
        if not self.alive:
            return
        self.alive = False
        for pipe in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                pipe.close()
        if self.pid <= 0:  # never signal a process group (0, negative ids)
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # mid-warm-up after an early user error
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _raise(failed: Exception | None) -> dict[str, bytes]:
    if failed is not None:
        raise failed
    return {}


def _busy() -> float:
    """How many other tasks want a core now: the kernel's count of runnable tasks
    (``/proc/loadavg``'s fourth field, this process included) less this one. The
    1-minute load average would be a poor guide: it still counts the minute before,
    such as the build this one follows. Elsewhere, the load average."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            running = int(handle.read().split()[3].split("/")[0])
        return float(max(running - 1, 0))
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except OSError:
            return 0.0


def spare_core() -> bool:
    """Is there a core for a helper to run on? Not on one core, nor while the machine is
    busy now (as many other runnable tasks as this process has cores besides its own):
    a helper's work then only queues behind the rest, and its own imports (pandas a
    second time) are extra CPU that the build waits for."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return cores >= 2 and _busy() < cores - 1


def usable() -> bool:
    """Fork only in the real CLI, where it is safe (one thread, ``fork`` available) and
    of use (``spare_core``)."""
    setting = os.environ.get(ENV, "").strip()
    if setting == "0" or not enabled or not hasattr(os, "fork"):
        return False
    return threading.active_count() == 1 and (setting == "1" or spare_core())


#: A helper forked by ``start_early`` before the command line was parsed, for ``build``.
_early: RenderHelper | None = None
#: ``build``'s options that take a value (``-o X``, ``--formats=X``).
_VALUED = frozenset({"-o", "--out", "-f", "--formats", "--period", "--area", "--pdf-engine"})


class Hints(NamedTuple):
    """What ``build`` was asked for, as far as its arguments say before parsing."""

    formats: tuple[str, ...] = ("docx", "pdf")
    engine: str | None = None
    spec: Path | None = None
    period: str | None = None
    area: str | None = None


def build_hints(argv: list[str]) -> Hints | None:
    """Formats, PDF engine, first spec, period and area from ``build``'s arguments, read
    roughly (before the command line is parsed): hints for what the helper prepares,
    never what is built. None for ``--help``."""
    formats: tuple[str, ...] = ("docx", "pdf")
    engine, spec = os.environ.get("REPORTGEN_PDF_ENGINE", "").strip().lower() or None, None
    period = area = None
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if name == "--help":
            return None
        if name in _VALUED and not eq:
            value = next(args, "")
        if name in ("-f", "--formats"):
            formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
        elif name == "--pdf-engine":
            engine = value.strip().lower() or engine
        elif name in ("--period", "--area"):
            period, area = (value, area) if name == "--period" else (period, value)
        elif not arg.startswith("-") and spec is None:
            spec = Path(arg)
    return Hints(formats, engine, spec, period, area)


def start_early(argv: list[str]) -> None:
    """Fork ``build``'s helper now, before typer parses the command line (which imports
    pydantic: ~0.1 s the helper's data reading need not wait for)."""
    global _early
    hints = build_hints(argv)
    if hints is None or not usable():
        return
    read = reading(hints.spec, hints.period, hints.area) if hints.spec is not None else None
    _early = RenderHelper.start(preloads(hints.formats, hints.engine), read)


def stop_early() -> None:
    """Stop an early helper no command took (a usage error, ``--help``)."""
    global _early
    if _early is not None:
        _early.close()
        _early = None


@contextlib.contextmanager
def render_helper(hints: Hints) -> Iterator[RenderHelper | None]:
    """A helper for one command's builds (None if not usable), reading the first spec's
    data meanwhile (or the one ``start_early`` forked); stopped on the way out."""
    global _early
    helper, _early = _early, None
    if helper is None and usable():
        read = reading(hints.spec, hints.period, hints.area) if hints.spec is not None else None
        helper = RenderHelper.start(preloads(hints.formats, hints.engine), read)
    from reportgen import pipeline

    if helper is not None and helper.read is not None:
        pipeline.dataset_source, pipeline.results_source = helper.dataset, helper.results
    try:
        yield helper
    finally:
        pipeline.dataset_source = pipeline.results_source = None
        if helper is not None:
            helper.close()
