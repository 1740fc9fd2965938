"""The one place the command line prints errors, notes and progress lines.

Every command reports a user's mistake the same way: ``error: <where>: <what>``, a
``What to do:`` line, exit status 2 and no traceback. ``LazyCommands.invoke`` wraps
every command in ``user_errors`` so none can forget. Messages are printed as plain
text, never parsed as Rich markup: a title containing ``[/b]`` cannot crash the
printer and a hint saying ``[insert figure]`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

from reportgen.errors import ReportgenError

USER_ERROR = 2  # the exit status for anything the user can fix (click uses 2 for usage)

err = Console(stderr=True, highlight=False, soft_wrap=True)


def plain(text: object) -> Text:
    """``text`` as Rich shows it literally: for table cells and titles from user files."""
    return Text(str(text))


def print_error(message: str) -> None:
    err.print(Text.assemble(("error: ", "bold red"), message))


def print_note(message: str) -> None:
    err.print(Text.assemble(("note: ", "yellow"), message))


def print_done(verb: str, what: object, after: str = "") -> None:
    """A green verb, then the (literal) name of what was made: ``built reports/x.yaml``."""
    err.print(Text.assemble((verb, "green"), " ", str(what), after))


def print_failed(key: str, message: str, on: Console | None = None) -> None:
    """One item of many that failed (a batch's area), the others carrying on."""
    (on or err).print(Text.assemble(("failed", "red"), f" {key}: ", message))


def fail(message: str) -> NoReturn:
    """Print ``message`` as an error and end the command with the user-error status."""
    print_error(message)
    raise typer.Exit(code=USER_ERROR)


def os_error_text(exc: OSError) -> str:
    """An operating-system error the user can act on, as one ReportgenError line.

    The commands turn the errors they expect into ``ReportgenError`` where they happen;
    this is the net for a file problem met anywhere else (a font folder without read
    permission, a file deleted while being read): still one line, naming the file.
    """
    what = (exc.strerror or str(exc)).rstrip(".")
    where = exc.filename if exc.filename is not None else None
    return str(
        ReportgenError(
            what[:1].lower() + what[1:],
            file=where,
            hint="check the path exists and that you may read and write it",
        )
    )


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a ReportgenError (or an operating system's file error) and exit 2."""
    try:
        yield
    except ReportgenError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(os_error_text(exc))
