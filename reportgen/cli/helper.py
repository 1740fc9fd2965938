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
single-threaded process on a system with ``fork``, and not at all with
``REPORTGEN_RENDER_HELPER=0``.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen import model as m
    from reportgen.pipeline import Format

ENV = "REPORTGEN_RENDER_HELPER"  # "0": render in the building process itself
#: Environment the helper must see as the parent has it when a request is made.
PASSED_ENV = ("SOURCE_DATE_EPOCH", "REPORTGEN_")

#: Set by ``reportgen.cli.main``: only a real command-line process forks a helper.
enabled = False


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


def data_folder(spec: Path) -> Path | None:
    """The data folder a report spec names, read without validating the spec (that is
    the parent's job, meanwhile); None if it cannot tell."""
    try:
        import yaml

        path = Path(spec).resolve()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        value = data.get("data", "../data") if isinstance(data, dict) else None
        return (path.parent / value).resolve() if isinstance(value, str) and value else None
    except Exception:
        return None


def _write(pipe: IO[bytes], payload: bytes) -> None:
    with contextlib.suppress(OSError):  # the parent has gone: nothing to tell
        pipe.write(payload)
        pipe.flush()


def _send_dataset(folder: Path, replies: IO[bytes]) -> threading.Thread:
    """Read ``folder``'s dataset and send it from a thread (the pipe takes it as the
    parent reads), so the warm-up goes on meanwhile. Any failure sends none: the parent
    then reads the folder itself and reports what is wrong as usual."""
    try:
        from reportgen.pipeline import read_dataset

        key, dataset = read_dataset(folder)
        payload = pickle.dumps(("data", str(folder), key, dataset), pickle.HIGHEST_PROTOCOL)
    except Exception:
        payload = pickle.dumps(("data", str(folder), None, None))
    thread = threading.Thread(target=_write, args=(replies, payload), daemon=True)
    thread.start()
    return thread


def _serve(
    requests: IO[bytes], replies: IO[bytes], modules: tuple[str, ...], folder: Path | None
) -> None:
    """The helper's life: read the data, warm up, then render each request until the
    parent hangs up."""
    sending = _send_dataset(folder, replies) if folder is not None else None
    _warm(modules)
    from reportgen.api import render_formats

    if sending is not None:
        sending.join()  # the dataset goes first on the pipe
    while True:
        try:
            env, args = pickle.load(requests)
        except EOFError:
            return
        os.environ.update(env)
        try:
            documents = render_formats(*args)
            reply: tuple[str, Any] = ("ok", {str(f): data for f, data in documents.items()})
        except Exception as exc:  # raised in the parent, where the CLI reports it
            reply = ("error", _portable(exc))
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


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
        self, pid: int, requests: IO[bytes], replies: IO[bytes], folder: Path | None
    ) -> None:
        self.pid, self.requests, self.replies = pid, requests, replies
        self.alive = True
        self.folder = folder  # the data folder the helper reads, if any
        self.data: tuple[str, Any, Any] | None = None  # (folder, key, dataset) once read

    @classmethod
    def start(cls, modules: tuple[str, ...], folder: Path | None = None) -> RenderHelper | None:
        """Fork a helper that reads ``folder``'s dataset and imports ``modules``; None
        where one cannot be used."""
        if not usable():
            return None
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: never returns into the CLI, never runs its atexit
            code = 0
            try:
                os.close(down_w)
                os.close(up_r)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _serve(os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb"), modules, folder)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(down_r)
        os.close(up_w)
        return cls(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"), folder)

    def _take_data(self) -> tuple[str, Any, Any] | None:
        """The helper's dataset message (read once: it comes first on the pipe)."""
        if self.folder is not None and self.data is None and self.alive:
            try:
                _, where, key, dataset = pickle.load(self.replies)
                self.data = (where, key, dataset)
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

    def render(
        self,
        doc: m.Document,
        template_dir: Path,
        formats: tuple[Format, ...],
        pdf_engine: str | None = None,
        project_engine: str | None = None,
    ) -> dict[str, bytes]:
        """Every file's bytes: the documents rendered by the helper (in-process if it
        is lost), the XLSX here meanwhile (this process is otherwise idle, and the
        helper then need not import openpyxl before the document comes)."""
        from reportgen.api import render_formats, spreadsheet_outputs

        args = (doc, template_dir, formats, pdf_engine, project_engine)
        self._take_data()  # unread if this build never asked for it
        if not self._send(args):
            documents = render_formats(*args)
            return {str(f): data for f, data in documents.items()} | spreadsheet_outputs(
                doc, formats
            )
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
        except (OSError, pickle.PicklingError):
            self.close()
            return False

    def _receive(self, args: tuple[Any, ...]) -> dict[str, bytes]:
        """The helper's documents, or its error raised here; rendered here if it is lost."""
        try:
            status, value = pickle.load(self.replies)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.close()  # lost: killed, out of memory; render here instead
            from reportgen.api import render_formats

            return {str(f): data for f, data in render_formats(*args).items()}
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


def usable() -> bool:
    """Fork only in the real CLI, where it is safe: one thread, ``fork`` available."""
    return (
        enabled
        and hasattr(os, "fork")
        and os.environ.get(ENV, "1").strip() != "0"
        and threading.active_count() == 1
    )


#: A helper forked by ``start_early`` before the command line was parsed, for ``build``.
_early: RenderHelper | None = None
#: ``build``'s options that take a value (``-o X``, ``--formats=X``).
_VALUED = frozenset({"-o", "--out", "-f", "--formats", "--period", "--area", "--pdf-engine"})


def build_hints(argv: list[str]) -> tuple[tuple[str, ...], str | None, Path | None] | None:
    """Formats, PDF engine and first spec from ``build``'s arguments, read roughly
    (before the command line is parsed): hints for what the helper prepares, never
    what is built. None for ``--help``."""
    formats: tuple[str, ...] = ("docx", "pdf")
    engine, spec = os.environ.get("REPORTGEN_PDF_ENGINE", "").strip().lower() or None, None
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
        elif not arg.startswith("-") and spec is None:
            spec = Path(arg)
    return formats, engine, spec


def start_early(argv: list[str]) -> None:
    """Fork ``build``'s helper now, before typer parses the command line (which imports
    pydantic: ~0.1 s the helper's data reading need not wait for)."""
    global _early
    hints = build_hints(argv)
    if hints is None or not usable():
        return
    formats, engine, spec = hints
    _early = RenderHelper.start(
        preloads(formats, engine), data_folder(spec) if spec is not None else None
    )


def stop_early() -> None:
    """Stop an early helper no command took (a usage error, ``--help``)."""
    global _early
    if _early is not None:
        _early.close()
        _early = None


@contextlib.contextmanager
def render_helper(
    formats: tuple[str, ...], engine: str | None, spec: Path | None = None
) -> Iterator[RenderHelper | None]:
    """A helper for one command's builds (None if not usable), reading ``spec``'s data
    meanwhile (or the one ``start_early`` forked); stopped on the way out."""
    global _early
    helper, _early = _early, None
    if helper is None and usable():
        folder = data_folder(spec) if spec is not None else None
        helper = RenderHelper.start(preloads(formats, engine), folder)
    from reportgen import pipeline

    if helper is not None and helper.folder is not None:
        pipeline.dataset_source = helper.dataset
    try:
        yield helper
    finally:
        pipeline.dataset_source = None
        if helper is not None:
            helper.close()
