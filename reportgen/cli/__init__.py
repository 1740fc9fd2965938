"""``reportgen``: the command line. A thin shell over ``reportgen.api``.

Every command is a module of this package (``report`` for build, templates, new and
inspect; ``indicators``, ``pack``, ``check``, ``batch``, ``serve``), registered in
``COMMANDS`` of the typer app (``shell``); shared options are in ``options`` and the
one error printer in ``console``. Commands import their heavy modules on use so
``reportgen --help`` is quick. A ``ReportgenError`` from any command is printed as one
plain line, without a traceback, and exits with status 2.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, NoReturn

#: What ``reportgen.cli`` offers from the typer app (``reportgen.cli.shell``), imported
#: when first asked for: ``main`` forks a build's helper before typer is imported.
_SHELL = frozenset(
    {"COMMANDS", "PACKAGE", "LazyCommands", "app", "_docstring", "_source", "_load", "_command"}
)


def __getattr__(name: str) -> Any:
    if name in _SHELL:
        from reportgen.cli import shell

        return getattr(shell, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Commands that build documents in a fresh process each time: their drawn charts are
#: kept on disk too (not ``serve``: the web service is one warm process).
DISK_CHART_COMMANDS = frozenset({"build", "pack", "batch"})


def main() -> None:  # pragma: no cover
    """The ``reportgen`` script and ``python -m reportgen``. A build is a fresh process
    each time, so its drawn charts are also kept on disk (``reportgen.charts.diskcache``)
    unless ``REPORTGEN_CHART_CACHE`` says otherwise (empty: none)."""
    if DISK_CHART_COMMANDS & set(sys.argv[1:2]):
        from reportgen.charts.diskcache import ENV, default_folder

        os.environ.setdefault(ENV, str(default_folder()))
    from reportgen.cli import helper

    helper.enabled = True  # a real command-line process: build may fork its render helper
    if sys.argv[1:2] == ["build"]:
        helper.relax_collector()
        helper.start_early(sys.argv[2:])  # before parsing: it reads the data meanwhile
    from reportgen.cli.shell import app  # typer and pydantic: after the helper's fork

    try:
        app()
    except SystemExit as stop:
        if sys.argv[1:2] == ["build"]:
            _leave(stop)
        raise
    finally:
        helper.stop_early()


def _leave(stop: SystemExit) -> NoReturn:  # pragma: no cover - ends the process
    """End a build's process now, as ``sys.exit`` would but without the interpreter's
    teardown. Why: every file is written and closed by now, and freeing pandas, the
    document and some thousand modules one by one took about 0.2 s of a 1.5 s cold
    build. Exit handlers still run, threads are joined, output is flushed, and the
    exit status and any message are as ``sys.exit`` would give."""
    import atexit
    import threading

    from reportgen.cli import helper

    helper.stop_early()
    shutdown = getattr(threading, "_shutdown", None)  # joins non-daemon threads, pools
    if shutdown is not None:
        shutdown()
    atexit._run_exitfuncs()
    code = stop.code
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
