"""The bundled example reports, each built at most once per test session.

Building a report (compose, charts, WeasyPrint layout, DOCX) is the slowest thing the
suite does, and several folders read the same examples: the template tests, the
end-to-end tests and the checks. They all ask ``tests/conftest.py``'s ``example_build``
fixture, which keeps one build per (spec, overrides) for the session.

The clock is pinned (SOURCE_DATE_EPOCH) only while a build runs, never for the rest of
the session: an environment variable left behind would make other tests depend on the
order they run in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reportgen import api

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"
EPOCH = "1488326400"  # 2017-03-01 00:00 UTC: the examples' documents are dated from it


@contextmanager
def pinned_clock(epoch: str = EPOCH) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", epoch)
        yield


class ExampleBuilds:
    """``builds(spec)`` -> the spec built to DOCX and PDF, once per session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._done: dict[tuple[Path, api.Overrides], api.BuildResult] = {}

    def __call__(self, spec: Path, overrides: api.Overrides = api.Overrides()) -> api.BuildResult:
        key = (Path(spec).resolve(), overrides)
        if key not in self._done:
            out = self.folder / f"{key[0].stem}-{len(self._done)}"
            with pinned_clock():
                self._done[key] = api.build_report(key[0], out, ("docx", "pdf"), overrides)
        return self._done[key]


class ExamplePacks:
    """``packs(meeting)`` -> the folder ``reportgen pack MEETING`` wrote (public, full,
    supplements: PDF, Word agenda, manifest), once per session, through the real CLI."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._done: dict[Path, Path] = {}

    def __call__(self, meeting: Path) -> Path:
        meeting = Path(meeting).resolve()
        if meeting not in self._done:
            from typer.testing import CliRunner

            from reportgen.cli import app

            out = self.folder / meeting.stem
            result = CliRunner().invoke(
                app, ["pack", str(meeting), "--out", str(out)], env={"SOURCE_DATE_EPOCH": EPOCH}
            )
            assert result.exit_code == 0, result.output
            self._done[meeting] = out
        return self._done[meeting]
