"""The pipeline's stages for one report, in order: load data, compute, compose.

``reportgen.api`` is the entry point for programs and shells; this module holds the
stage functions it re-exports, so that a layer below the api (the agenda pack, which
composes each report on its agenda) can use them without importing the api that builds
packs (no import circle). Loaded data and computed indicators are cached per process so
that a batch or a web server building many reports reads each data folder once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reportgen import model as m
from reportgen.errors import SpecError

if TYPE_CHECKING:  # imported on use: pandas, pydantic and the composers are ~0.7 s
    from reportgen.compose.context import ComposeContext
    from reportgen.compose.spec import ReportSpec

Format = Literal["docx", "pdf", "html"]
DEFAULT_FORMATS: tuple[Format, ...] = ("docx", "pdf")


def clock() -> datetime:
    """Now, unless SOURCE_DATE_EPOCH pins it (reproducible builds: same bytes twice)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def _mtime_key(folder: Path) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime) for p in folder.iterdir() if p.is_file()))


@lru_cache(maxsize=8)
def _load_dataset_cached(folder: Path, _key: tuple[tuple[str, float], ...]) -> Any:
    from reportgen.data import load_dataset

    if (folder / "ees.yaml").is_file():  # else not EES: spare its import (pydantic, ~0.2 s)
        from reportgen.data.ees import is_ees_folder, load_ees

        if is_ees_folder(folder):  # published DfE files mapped by ees.yaml (docs/ees-data.md)
            return load_ees(folder)
    return load_dataset(folder)


#: Who may already hold a folder's dataset, read from the same files by another process
#: while this one started (the CLI's render helper, ``reportgen.cli.helper``): asked
#: with the folder and its files' key before reading; None from it, or no one: read here.
dataset_source: Callable[[Path, tuple[tuple[str, float], ...]], Any] | None = None


def read_dataset(folder: Path) -> tuple[tuple[tuple[str, float], ...], Any]:
    """The key of ``folder``'s files and its dataset, as ``load_data`` reads it."""
    key = _mtime_key(folder)
    return key, _load_dataset_cached(folder, key)


def load_data(folder: Path) -> Any:
    """The dataset in ``folder``, read once per process unless its files change."""
    folder = folder.resolve()
    if not folder.is_dir():
        raise SpecError(
            "data folder not found",
            file=folder,
            hint="set `data:` in the report spec to the folder with values.csv",
        )
    key = _mtime_key(folder)
    supplied = dataset_source(folder, key) if dataset_source is not None else None
    return supplied if supplied is not None else _load_dataset_cached(folder, key)


@lru_cache(maxsize=256)
def _results_cached(dataset: Any, period: str, area: str | None) -> Any:
    from reportgen.indicators import compute_indicators

    if getattr(dataset, "area_kind", "") == "authority":  # an EES dataset: any LA in England
        from reportgen.indicators.la_benchmark import indicator_set

        return indicator_set(dataset, period, area)
    return compute_indicators(dataset, period, area)


#: Likewise for the indicators of a dataset ``dataset_source`` supplied: (dataset,
#: period, area) -> the helper's results for them, or None: computed here.
results_source: Callable[[Any, str, str | None], Any] | None = None


def results_for(dataset: Any, period: str, area: str | None = None) -> Any:
    supplied = results_source(dataset, period, area) if results_source is not None else None
    return supplied if supplied is not None else _results_cached(dataset, period, area)


@dataclass(frozen=True)
class Overrides:
    """Changes to a spec from the command line or a web request."""

    period: str | None = None
    area: str | None = None
    status: Literal["draft", "final"] | None = None
    #: "typst" or "weasyprint"; None: REPORTGEN_PDF_ENGINE, the spec, the theme, default
    pdf_engine: str | None = None


def apply_overrides(spec: ReportSpec, overrides: Overrides) -> ReportSpec:
    """The spec with ``overrides`` applied; a bad value is a SpecError naming it."""
    changes = {k: v for k, v in vars(overrides).items() if v is not None and k != "pdf_engine"}
    if not changes:
        return spec
    from pydantic import ValidationError

    from reportgen.compose.spec import ReportSpec

    try:
        return ReportSpec.model_validate({**spec.model_dump(), **changes})
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"])
        raise SpecError(
            f"{name} {changes.get(name)!r}: {first['msg'].removeprefix('Value error, ')}",
            hint=f"check the {name} asked for (on the command line: --{name})",
        ) from None


def prepare(spec_path: Path, overrides: Overrides = Overrides()) -> ComposeContext:
    """Load spec, template, data and narratives: everything composition needs."""
    from reportgen.compose.context import ComposeContext, narrative_variables
    from reportgen.compose.spec import load_spec
    from reportgen.compose.template import load_template
    from reportgen.indicators.report_data import ReportData

    spec_path = Path(spec_path).resolve()
    spec = apply_overrides(load_spec(spec_path), overrides)
    base = spec_path.parent
    template_dir, template = load_template(spec.template, base)
    dataset = load_data(base / spec.data)
    results = results_for(dataset, spec.period, spec.area)
    narratives = (base / spec.narratives).resolve()
    if not narratives.is_dir():
        raise SpecError(
            "narratives folder not found",
            file=spec_path,
            column="narratives",
            hint=f"create {narratives} or point `narratives:` at your snippets",
        )
    return ComposeContext(
        spec=spec,
        spec_path=spec_path,
        template_dir=template_dir,
        template=template,
        results=results,
        narratives=narratives,
        data=ReportData(dataset),
        variables=narrative_variables(spec, results),
    )


def compose_for(ctx: ComposeContext, outputs: tuple[Format, ...] = DEFAULT_FORMATS) -> m.Document:
    """Compose, with charts saved only in the encodings ``outputs`` read.

    A document composed for ("pdf",) has SVG charts and no PNGs (about 60 ms a chart
    less); rendering it to Word is then an error that says so.
    """
    from reportgen.charts.formats import chart_formats, formats_for_outputs
    from reportgen.compose.report import compose

    with chart_formats(formats_for_outputs(outputs)):
        return compose(ctx, created=clock())


def compose_document(
    spec_path: Path,
    overrides: Overrides = Overrides(),
    outputs: tuple[Format, ...] = DEFAULT_FORMATS,
) -> m.Document:
    return compose_for(prepare(spec_path, overrides), outputs)
