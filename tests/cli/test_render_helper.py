"""``reportgen build`` renders in a forked helper (``reportgen.cli.helper``): same files,
same errors, and the building process imports no writer or engine it does not use.

These run the real command line in a new process (the helper is never forked inside
a test's ``CliRunner``) with ``SOURCE_DATE_EPOCH`` pinned, and compare with the same
build made in-process by ``reportgen.api`` without a helper.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_helpers import ROOT, example_copy

from reportgen import api
from reportgen.cli.helper import (
    BUILD_GC,
    Hints,
    Reading,
    RenderHelper,
    build_hints,
    preloads,
    reading,
)

EPOCH = "1700000000"
#: Run the CLI as ``python -m reportgen`` does; print what the BUILDING process imported.
PROBE = """
import atexit, json, sys
import reportgen.pipeline as pipeline
reads, computed = [], []
read, compute = pipeline._load_dataset_cached, pipeline._results_cached
pipeline._load_dataset_cached = lambda *a: reads.append(a) or read(*a)
pipeline._results_cached = lambda *a: computed.append(a) or compute(*a)
import gc
atexit.register(lambda: print("MODULES " + json.dumps(sorted(
    m for m in ("docx", "openpyxl", "typst", "pikepdf", "weasyprint", "matplotlib", "pandas",
              "rich.table")
    if m in sys.modules)) + f" READS {len(reads)} {len(computed)}", file=sys.stderr))
atexit.register(lambda: print(f"GC {json.dumps(gc.get_threshold())}", file=sys.stderr))
sys.argv = ["reportgen", *sys.argv[1:]]
from reportgen.cli import main
main()
"""


def _cli(*args: str | Path, charts: Path, helper: str = "1") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "REPORTGEN_CHART_CACHE": str(charts),
        "REPORTGEN_RENDER_HELPER": helper,
    }
    env.pop("REPORTGEN_PDF_ENGINE", None)
    return subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def _imported(stderr: str) -> list[str]:
    """The modules the building process imported (of those ``PROBE`` looks for)."""
    line = next(x for x in stderr.splitlines() if x.startswith("MODULES "))
    return list(json.loads(line.removeprefix("MODULES ").partition(" READS ")[0]))


def _reads(stderr: str) -> tuple[int, int]:
    """How many times the building process read a data folder and computed indicators
    itself."""
    line = next(x for x in stderr.splitlines() if x.startswith("MODULES "))
    reads, computed = line.partition(" READS ")[2].split()
    return int(reads), int(computed)


def test_built_with_the_helper_as_in_process_and_the_builder_imports_no_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = example_copy(tmp_path)
    charts = tmp_path / "charts"
    warm = _cli("build", spec, "-o", tmp_path / "first", "--pdf-engine", "typst", charts=charts)
    assert warm.returncode == 0, warm.stderr
    run = _cli("build", spec, "-o", tmp_path / "cli", "--pdf-engine", "typst", charts=charts)
    assert run.returncode == 0, run.stderr
    # the documents were written by the helper, the data read and the indicators
    # computed by it (so not here), the charts came from the disk cache, WeasyPrint
    # was never imported, nor openpyxl for the XLSX (written directly), nor rich's tables
    assert _imported(run.stderr) == ["pandas"]
    assert _reads(run.stderr) == (0, 0)
    # built with the collector relaxed (helper.relax_collector), to the same bytes
    assert f"GC {json.dumps(list(BUILD_GC))}" in run.stderr.splitlines()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    built = api.build_report(
        spec, tmp_path / "api", ("docx", "pdf"), api.Overrides(pdf_engine="typst")
    )
    cli_files = {p.suffix: p.read_bytes() for p in (tmp_path / "cli").iterdir()}
    api_files = {p.suffix: p.read_bytes() for p in built.outputs.values()}
    assert sorted(cli_files) == [".docx", ".pdf", ".xlsx"]
    assert cli_files[".docx"] == api_files[".docx"]
    assert cli_files[".pdf"] == api_files[".pdf"]
    assert cli_files[".xlsx"] == api_files[".xlsx"]  # dated by SOURCE_DATE_EPOCH alike
    assert [p.name for p in (tmp_path / "cli").iterdir()] == [
        p.name for p in (tmp_path / "first").iterdir()
    ]


def test_without_the_helper_the_builder_renders_itself(tmp_path: Path) -> None:
    spec = example_copy(tmp_path)
    run = _cli(
        "build", spec, "-o", tmp_path / "out", "-f", "pdf", charts=tmp_path / "c", helper="0"
    )
    assert run.returncode == 0, run.stderr
    assert "typst" in _imported(run.stderr)  # REPORTGEN_RENDER_HELPER=0: rendered here
    assert _reads(run.stderr) == (1, 1)
    assert "weasyprint" not in _imported(run.stderr)


def test_an_error_in_the_helper_is_one_line_exit_2_and_nothing_written(tmp_path: Path) -> None:
    """A house style the writers refuse is met in the helper (composing never reads the
    theme): the parent prints it as its own error and writes no file."""
    template = tmp_path / "house"
    shutil.copytree(ROOT / "templates" / "committee-report", template)
    (template / "theme.yaml").write_text("pdf_engine: carbon-paper\n", encoding="utf-8")
    spec = example_copy(tmp_path)
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    spec.write_text(yaml.safe_dump({**data, "template": str(template)}), encoding="utf-8")
    out = tmp_path / "out"
    run = _cli("build", spec, "-o", out, "--pdf-engine", "typst", charts=tmp_path / "c")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: theme pdf_engine: 'carbon-paper' is not one of typst, weasyprint"]
    assert not out.exists() or list(out.iterdir()) == []


LOST = """
import os, signal, sys, time
from pathlib import Path
sys.path.insert(0, {support!r})
from sample_document import sample_document
from reportgen.cli import helper
helper.enabled = True
os.environ["REPORTGEN_RENDER_HELPER"] = "1"  # even on a busy machine
h = helper.RenderHelper.start(helper.preloads(("pdf",), "typst"))
os.kill(h.pid, signal.SIGKILL)
time.sleep(0.2)
got = h.render(sample_document(), Path({base!r}), ("pdf",), "typst", None)
print(sorted(got), got["pdf"][:5], h.alive)
"""


def test_a_lost_helper_is_replaced_by_rendering_in_process() -> None:
    code = LOST.format(
        support=str(ROOT / "tests" / "support"), base=str(ROOT / "templates" / "_base")
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip().splitlines()[-1] == "['pdf'] b'%PDF-' False"


def test_the_helper_preloads_only_the_engines_a_build_uses() -> None:
    typst = preloads(("docx", "pdf"), "typst")
    assert "reportgen.render.typst" in typst and "reportgen.render.pdf" not in typst
    weasy = preloads(("pdf",), "weasyprint")
    assert "reportgen.render.pdf" in weasy and "reportgen.render.typst" not in weasy
    assert "reportgen.render.docx" not in weasy
    assert "reportgen.render.html" in preloads(("html",), None)


def _helper_holding(message: object, folder: Path) -> RenderHelper:
    """A parent's end whose helper has sent ``message`` (no process: ``close`` never
    signals pid 0)."""
    read, write = os.pipe()
    with os.fdopen(write, "wb") as pipe:
        pickle.dump(message, pipe)
    helper = RenderHelper(0, io.BytesIO(), os.fdopen(read, "rb"), Reading(folder))
    return helper


def test_the_helpers_dataset_is_used_only_for_the_same_folder_and_files(tmp_path: Path) -> None:
    key, rows = (("values.csv", 1.0),), {"rows": 3}
    held = _helper_holding(("data", str(tmp_path), key, rows, ("2017-01", None), "R"), tmp_path)
    got = held.dataset(tmp_path, key)
    assert got == rows
    assert held.dataset(tmp_path, (("values.csv", 2.0),)) is None  # edited meanwhile
    assert held.dataset(tmp_path / "other", key) is None
    assert held.results(got, "2017-01", None) == "R"
    assert held.results(got, "2017-02", None) is None  # another period
    assert held.results(got, "2017-01", "North") is None  # another area
    assert held.results(rows, "2017-01", None) is None  # an equal dataset, not the one sent
    failed = _helper_holding(("data", str(tmp_path), None, None, (None, None), None), tmp_path)
    assert failed.dataset(tmp_path, key) is None  # the helper could not read it
    for helper in (held, failed):
        helper.close()
        assert helper.replies.closed and not helper.alive


def test_what_the_helper_reads_comes_from_the_spec_as_the_spec_resolves_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "reports").mkdir()
    spec = tmp_path / "reports" / "r.yaml"
    spec.write_text("title: x\ndata: ../mine\nperiod: '2017-01'\n", encoding="utf-8")
    mine = (tmp_path / "mine").resolve()
    assert reading(spec) == Reading(mine, "2017-01", None)
    assert reading(spec, "2017-02", "North") == Reading(mine, "2017-02", "North")  # options
    spec.write_text("title: x\n", encoding="utf-8")  # ReportSpec's default folder
    assert reading(spec) == Reading((tmp_path / "data").resolve(), None, None)
    spec.write_text("title: [unclosed\n", encoding="utf-8")
    assert reading(spec) is None  # the parent reports it, in its own words
    assert reading(tmp_path / "missing.yaml") is None


def test_the_early_helper_takes_its_hints_from_builds_arguments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REPORTGEN_PDF_ENGINE", raising=False)
    argv = ["-o", "out", "reports/a.yaml", "--formats=pdf", "--pdf-engine", "WeasyPrint"]
    assert build_hints(argv) == Hints(("pdf",), "weasyprint", Path("reports/a.yaml"))
    assert build_hints(["-f", "docx", "--period", "2017-01", "b.yaml", "--area=North"]) == Hints(
        ("docx",), None, Path("b.yaml"), "2017-01", "North"
    )
    assert build_hints(["x.yaml", "--help"]) is None
    monkeypatch.setenv("REPORTGEN_PDF_ENGINE", "typst")
    assert build_hints([]) == Hints(("docx", "pdf"), "typst", None)


def test_the_ees_mapping_file_name_is_the_one_the_pipeline_looks_for() -> None:
    """``pipeline`` imports the EES reader only when a folder has this file."""
    from reportgen.data.ees.mapping import MAPPING_FILE

    assert MAPPING_FILE == "ees.yaml"


@pytest.mark.parametrize(
    ("cores", "load", "setting", "used"),
    [
        (2, 0.0, "", True),
        (2, 1.0, "", False),  # busy: another task wants the other core, the helper would queue
        (4, 2.0, "", True),
        (1, 0.0, "", False),  # one core: nothing to run it on
        (2, 9.0, "1", True),  # asked for
        (8, 0.0, "0", False),  # turned off
    ],
)
def test_a_helper_is_forked_only_with_a_spare_core_unless_asked(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float, setting: str, used: bool
) -> None:
    from reportgen.cli import helper

    monkeypatch.setattr(helper, "enabled", True)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(helper, "_busy", lambda: load)
    monkeypatch.setattr(helper.threading, "active_count", lambda: 1)
    monkeypatch.setenv("REPORTGEN_RENDER_HELPER", setting)
    assert helper.usable() is used


def test_busy_counts_the_other_runnable_tasks_now_not_the_last_minute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """/proc/loadavg's fourth field counts runnable tasks now, this process among them;
    where it cannot be read, the 1-minute load average stands in."""
    import io

    from reportgen.cli import helper

    monkeypatch.setattr(os, "getloadavg", lambda: (7.5, 7.5, 7.5))
    monkeypatch.setattr(
        helper, "open", lambda *a, **k: io.StringIO("3.10 2.00 1.50 3/412 9999\n"), raising=False
    )
    assert helper._busy() == 2.0
    monkeypatch.setattr(
        helper, "open", lambda *a, **k: io.StringIO("0.10 0.20 0.30 1/99 9999\n"), raising=False
    )
    assert helper._busy() == 0.0

    def unreadable(*args: object, **kwargs: object) -> io.StringIO:
        raise OSError("no /proc here")

    monkeypatch.setattr(helper, "open", unreadable, raising=False)
    assert helper._busy() == 7.5


#: ``reportgen build`` as ``python -m reportgen`` runs it, saying which modules were
#: imported when it forked its helper (the spec is missing: the build then fails).
AT_FORK = """
import json, os, sys
real_fork = os.fork
def fork():
    seen = [m for m in ("pandas", "numpy", "reportgen.indicators", "typer", "pydantic")
            if m in sys.modules]
    print("AT FORK " + json.dumps(seen), file=sys.stderr, flush=True)
    return real_fork()
os.fork = fork
sys.argv = ["reportgen", "build", "missing.yaml", "-o", sys.argv[1]]
from reportgen.cli import main
main()
"""


def test_the_helper_is_forked_with_the_data_stack_and_before_typer(tmp_path: Path) -> None:
    """Both processes need pandas: imported once before the fork, the helper inherits
    it instead of importing it again beside the parent on the same cores. Typer and
    pydantic, which only the parent needs, come after: the helper starts sooner."""
    env = {**os.environ, "REPORTGEN_RENDER_HELPER": "1", "REPORTGEN_CHART_CACHE": ""}
    out = subprocess.run(
        [sys.executable, "-c", AT_FORK, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert out.returncode == 2, out.stderr  # the missing spec, reported as usual
    forks = [x for x in out.stderr.splitlines() if x.startswith("AT FORK ")]
    assert len(forks) == 1, out.stderr
    assert json.loads(forks[0].removeprefix("AT FORK ")) == [
        "pandas",
        "numpy",
        "reportgen.indicators",
    ]
    assert "missing.yaml" in out.stderr and not (tmp_path / "out").exists()
