"""No traceback for any user error: every command, a catalogue of bad inputs.

Each case runs the real command (in-process, through the one typer app) and requires
exit status 2, one ``error:`` line naming the file or value and saying what is wrong,
and no traceback. Everything here fails before rendering, so the whole catalogue is fast.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BAD_FILES, DATA, MEETING, assert_user_error, invoke, one_error_line

AS_ROOT = os.geteuid() == 0

# command line for a command given one file the user named (F) and an output folder (O)
FILE_COMMANDS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "build": lambda f, o: ["build", f, "-f", "html", "-o", o],
    "inspect": lambda f, o: ["inspect", f],
    "pack": lambda f, o: ["pack", f, "-o", o, "--workers", "1"],
    "check": lambda f, o: ["check", f],
    "batch": lambda f, o: ["batch", f, "-o", o, "--workers", "1"],
    "serve": lambda f, o: ["serve", "--config", f, "--project", o.parent],
}


@pytest.mark.usefixtures("no_server")
@pytest.mark.parametrize("command", list(FILE_COMMANDS))
@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_input_file(bad: Path, tmp_path: Path, command: str, name: str) -> None:
    out = tmp_path / "out"
    result = invoke(*FILE_COMMANDS[command](bad / name, out))
    assert_user_error(result, name, BAD_FILES[name][1])
    one_error_line(result)
    assert not out.exists()  # nothing written, not even an empty folder


@pytest.mark.parametrize("target", ["file", "/dev/full", "under-a-file"])
@pytest.mark.parametrize("command", ["build", "pack", "batch"])
def test_output_path_that_is_a_file(spec: Path, tmp_path: Path, command: str, target: str) -> None:
    """``--out`` naming a file (or a device such as /dev/full) is refused before rendering."""
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me", encoding="utf-8")
    out = {"file": a_file, "/dev/full": Path("/dev/full"), "under-a-file": a_file / "sub"}
    source = MEETING if command == "pack" else spec
    args: list[str | Path] = [command, source, "-o", out[target]]
    if command == "batch":
        args += ["--areas", "North"]
    result = invoke(*args)
    assert_user_error(result, str(out[target]), "not a folder")
    one_error_line(result)
    assert a_file.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.ENOSPC, "no space left"),
    ],
)
@pytest.mark.parametrize("command", ["build", "pack", "batch", "new"])
def test_unwritable_output_folder(
    spec: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    problem: int,
    message: str,
) -> None:
    """A folder the user cannot write to: found by the probe before anything is rendered.

    Tests run as root, for whom chmod does not stop writes, so the probe's file creation
    is made to fail the way the operating system would.
    """
    from reportgen import atomic

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(problem, os.strerror(problem), str(self))

    monkeypatch.setattr(atomic.Path, "touch", refuse)
    monkeypatch.setattr("reportgen.api.prepare", lambda *a, **k: pytest.fail("rendered"))
    monkeypatch.setattr("reportgen.pack.build.make_packs", lambda *a, **k: pytest.fail("laid out"))
    out = tmp_path / "out"
    args: dict[str, list[str | Path]] = {
        "build": ["build", spec, "-o", out],
        "pack": ["pack", MEETING, "-o", out],
        "batch": ["batch", spec, "--areas", "North", "-o", out],
        "new": ["new", "committee-report", "x", "--reports", out, "--narratives", out],
    }
    result = invoke(*args[command])
    assert_user_error(result, str(out), message, "--reports" if command == "new" else "--out")
    one_error_line(result)


@pytest.mark.skipif(AS_ROOT, reason="root can write to a read-only folder")
def test_read_only_folder_for_real(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "locked"
    out.mkdir(mode=0o500)
    assert_user_error(invoke("build", spec, "-f", "html", "-o", out), "permission denied")


@pytest.mark.parametrize("command", ["build", "inspect", "batch", "check"])
def test_unreadable_spec(spec: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """chmod 000 on the spec (simulated when running as root, who may read anything)."""
    if AS_ROOT:
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == spec.name:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        spec.chmod(0)
    result = invoke(command, spec)
    assert_user_error(result, str(spec.name), "permission denied")
    one_error_line(result)


def test_unreadable_data_file_anywhere(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The net under every command: a file error met deep inside is one line naming the
    file, not a traceback."""

    def refuse(folder: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(folder / "values.csv"))

    monkeypatch.setattr("reportgen.pipeline.load_data", refuse)
    result = invoke("inspect", spec)
    assert_user_error(result, "values.csv: permission denied")
    one_error_line(result)


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--data", "{missing}"], ("missing", "data folder not found")),
        (["--data", "{spec}"], ("report.yaml", "data folder not found")),
        (["--data", "{junk}"], ("values.csv", "row")),
        (["--data", "{latin}"], ("values.csv", "unknown indicator")),
        (["--data", "{utf16}"], ("values.csv", "missing columns")),
        (["--data", "{empty}"], ("values.csv", "empty")),
        (["--period", "2099-01"], ("no data for period 2099-01",)),
        (["--period", "Jan-17"], ("YYYY-MM",)),
        (["--area", "Atlantis"], ("unknown area 'Atlantis'",)),
        (["--indicator", "lac"], ("unknown indicator 'lac'",)),
        (["--format", "xml"], ("xml",)),
    ],
)
def test_indicators_bad_inputs(
    spec: Path, tmp_path: Path, args: list[str], fragments: tuple[str, ...]
) -> None:
    folders = {}
    for name, change in {
        "junk": b"\x00\xff\xfe\x89PNG\x00\x01binary,\x02\n\x00\x00,\x03,\x04\n",
        "latin": "x,café\n".encode("latin-1"),
        "empty": b"",
        "utf16": (DATA / "values.csv").read_text("utf-8").encode("utf-16"),
    }.items():
        folder = tmp_path / name
        folder.mkdir()
        for source in DATA.iterdir():
            (folder / source.name).write_bytes(source.read_bytes())
        with (folder / "values.csv").open("ab" if name == "latin" else "wb") as handle:
            handle.write(change)
        folders[name] = str(folder)
    values = {"missing": str(tmp_path / "missing"), "spec": str(spec), **folders}
    result = invoke("indicators", *(a.format(**values) for a in args))
    assert_user_error(result, *fragments)


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["build", "{spec}", "--period", "2099-01", "-f", "html"], ("no data for period",)),
        (["build", "{spec}", "--period", "bad", "-f", "html"], ("period 'bad'", "--period")),
        (["build", "{spec}", "--area", "Atlantis", "-f", "html"], ("unknown area 'Atlantis'",)),
        (["build", "{spec}", "--formats", "xml"], ("unknown format xml",)),
        (["build", "{spec}", "--formats", ""], ("unknown format",)),
        (["inspect", "{spec}", "--area", "Atlantis"], ("unknown area 'Atlantis'",)),
        (["inspect", "{spec}", "--period", "2017-13"], ("period '2017-13'",)),
        (["inspect", "{spec}", "--to", "pdf"], ("--to",)),
        (["batch", "{spec}", "--areas", "North,Atlantis"], ("unknown area(s): Atlantis",)),
        (["batch", "{spec}", "--areas", ","], ("no areas to build",)),
        (["batch", "{spec}", "--workers", "0"], ("--workers",)),
        (["batch", "{spec}", "--engine", "spark"], ("--engine",)),
        (["batch", "{spec}", "--over", "school"], ("--over",)),
        (["batch", "{spec}", "--areas", "North", "--json", "{tmp}"], ("--json wants a file",)),
        (["pack", "{meeting}", "--workers", "0"], ("--workers",)),
        (["new", "no-such-template", "x"], ("unknown template 'no-such-template'",)),
        (["new", "committee-report", "../escape"], ("not a plain name",)),
        (["check", "{tmp}/notes.txt"], ("notes.txt", "expected a report spec")),
        (["serve", "--project", "{spec}"], ("report.yaml",)),
        (["serve", "--workers", "0"], ("--workers",)),
        (["templates", "--verbose"], ("No such option",)),
        (["no-such-command"], ("No such command",)),
    ],
)
@pytest.mark.usefixtures("no_server")
def test_bad_values(
    spec: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    fragments: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    values = {"spec": str(spec), "meeting": str(MEETING), "tmp": str(tmp_path)}
    result = invoke(*(a.format(**values) for a in args))
    assert_user_error(result, *fragments)
    assert not (tmp_path / "output").exists()


def test_new_refuses_existing_files_and_writes_nothing(tmp_path: Path) -> None:
    """All or nothing: one snippet already there stops the whole scaffold."""
    reports, narratives = tmp_path / "reports", tmp_path / "narratives"
    first = invoke("new", "committee-report", "a", "--reports", reports, "--narratives", narratives)
    assert first.exit_code == 0, first.output
    snippets = sorted(p.name for p in (narratives / "a").iterdir())
    assert snippets  # the template has snippets to clash with
    (reports / "a.yaml").unlink()
    for name in snippets[1:]:
        (narratives / "a" / name).unlink()
    clash = narratives / "a" / snippets[0]  # the one file in the way
    clash.write_text("my words", encoding="utf-8")
    again = invoke("new", "committee-report", "a", "--reports", reports, "--narratives", narratives)
    assert_user_error(again, snippets[0], "already exists", "--force")
    assert not (reports / "a.yaml").exists()  # the spec was not written either
    assert sorted(p.name for p in (narratives / "a").iterdir()) == snippets[:1]
    assert clash.read_text(encoding="utf-8") == "my words"


def test_broken_project_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project's own template with a junk template.yaml: ``templates`` names it."""
    broken = tmp_path / "templates" / "broken"
    broken.mkdir(parents=True)
    (broken / "template.yaml").write_bytes(b"\xff\xfe\x00\x00junk")
    monkeypatch.chdir(tmp_path)
    result = invoke("templates")
    assert_user_error(result, "template.yaml")
    one_error_line(result)


@pytest.mark.parametrize("text", ["[/b]", "[insert figure]", "[bold red]x[/]"])
@pytest.mark.parametrize("command", ["build", "indicators", "inspect"])
def test_markup_in_messages_is_printed_literally(spec: Path, command: str, text: str) -> None:
    """A message containing ``[/b]`` must not crash the printer; ``[insert figure]`` must
    not vanish as an unknown style."""
    args: list[str | Path] = [command, "--area", text]
    if command != "indicators":
        args.insert(1, spec)
    result = invoke(*args)
    assert_user_error(result, f"unknown area '{text}'")
    one_error_line(result)


@pytest.mark.usefixtures("no_server")
@pytest.mark.parametrize("command", list(FILE_COMMANDS))
def test_markup_in_a_file_name_is_printed_literally(tmp_path: Path, command: str) -> None:
    """Every command's error names the file exactly, brackets and all."""
    named = tmp_path / "[/b] [insert figure].yaml"
    result = invoke(*FILE_COMMANDS[command](named, tmp_path / "out"))
    assert_user_error(result, "[/b] [insert figure].yaml")
    one_error_line(result)
