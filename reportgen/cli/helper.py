"""A second process that renders while this one reads the data: ``reportgen build`` on
two cores from its first millisecond.

Why: a cold build is mostly one long chain (import pandas and the composers, read the
data, compute, compose) and then the writers, whose own imports (Typst and pikepdf,
python-docx, openpyxl: about 0.35 s) waited their turn behind it. At the start of
``build`` this process forks a helper that imports the writers it will need and warms
their font sets while the parent does the chain on the other core; the parent then
hands it the composed document (a pickle of frozen dataclasses, a few ms each way) and
gets every file's bytes back. The parent still writes the files, all or none
(``reportgen.atomic``), so the helper changes who renders, never what is written.

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
    if "docx" in formats or "pdf" in formats:
        wanted.append("reportgen.render.xlsx")
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


def _serve(requests: IO[bytes], replies: IO[bytes], modules: tuple[str, ...]) -> None:
    """The helper's life: warm up, then render each request until the parent hangs up."""
    _warm(modules)
    from reportgen.api import render_outputs

    while True:
        try:
            env, args = pickle.load(requests)
        except EOFError:
            return
        os.environ.update(env)
        try:
            reply: tuple[str, Any] = ("ok", render_outputs(*args))
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

    def __init__(self, pid: int, requests: IO[bytes], replies: IO[bytes]) -> None:
        self.pid, self.requests, self.replies = pid, requests, replies
        self.alive = True

    @classmethod
    def start(cls, modules: tuple[str, ...]) -> RenderHelper | None:
        """Fork a helper that imports ``modules``; None where one cannot be used."""
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
                _serve(os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb"), modules)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(down_r)
        os.close(up_w)
        return cls(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"))

    def render(
        self,
        doc: m.Document,
        template_dir: Path,
        formats: tuple[Format, ...],
        pdf_engine: str | None = None,
        project_engine: str | None = None,
    ) -> dict[str, bytes]:
        """Every file's bytes, rendered by the helper (in-process if it is lost)."""
        args = (doc, template_dir, formats, pdf_engine, project_engine)
        if self.alive:
            try:
                env = {k: v for k, v in os.environ.items() if k.startswith(PASSED_ENV)}
                pickle.dump((env, args), self.requests, protocol=pickle.HIGHEST_PROTOCOL)
                self.requests.flush()
                status, value = pickle.load(self.replies)
            except (OSError, EOFError, pickle.UnpicklingError):
                self.close()  # lost: killed, out of memory; render here instead
            else:
                if status == "error":
                    raise value
                return value  # type: ignore[no-any-return]
        from reportgen.api import render_outputs

        return render_outputs(*args)

    def close(self) -> None:
        """Stop the helper and reap it: it holds nothing the parent still needs."""
        if not self.alive:
            return
        self.alive = False
        for pipe in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                pipe.close()
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # mid-warm-up after an early user error
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def usable() -> bool:
    """Fork only in the real CLI, where it is safe: one thread, ``fork`` available."""
    return (
        enabled
        and hasattr(os, "fork")
        and os.environ.get(ENV, "1").strip() != "0"
        and threading.active_count() == 1
    )


@contextlib.contextmanager
def render_helper(formats: tuple[str, ...], engine: str | None) -> Iterator[RenderHelper | None]:
    """A helper for one command's builds (None if not usable), stopped on the way out."""
    helper = RenderHelper.start(preloads(formats, engine))
    try:
        yield helper
    finally:
        if helper is not None:
            helper.close()
