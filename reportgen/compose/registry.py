"""The one registry of report types: every cover and computed section a template can name.

To add a report type, write its module (or folder) with a ``REPORT_TYPE`` and add ONE
line to ``REPORT_TYPES`` below; see docs/extending.md (a worked example). Nothing registers
itself by being imported, so this list is the whole truth, and a name claimed twice is
an error when the package is imported rather than a silent override.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reportgen.compose import (
    builtins,
    cover,
    la_benchmark,
    minutes,
    performance_surgery,
    scorecard,
    service,
)
from reportgen.compose.plugin import Builtin, Cover, ReportType

REPORT_TYPES: tuple[ReportType, ...] = (
    builtins.SHARED,  # recommendations, approvals, appendices...: any template may use them
    cover.REPORT_TYPE,  # committee-report
    performance_surgery.REPORT_TYPE,
    minutes.REPORT_TYPE,  # surgery-minutes
    service.REPORT_TYPE,  # service-performance
    scorecard.REPORT_TYPE,  # board-scorecard
    la_benchmark.REPORT_TYPE,  # la-benchmark (published DfE data)
)


def _merge(kind: str, tables: Iterable[tuple[str, Mapping[str, object]]]) -> dict[str, object]:
    merged: dict[str, object] = {}
    owner: dict[str, str] = {}
    for type_name, table in tables:
        for name, func in table.items():
            if name in merged:
                raise ValueError(
                    f"{kind} '{name}' is registered by both '{owner[name]}' and '{type_name}'"
                )
            merged[name], owner[name] = func, type_name
    return merged


def builtins_of(types: Iterable[ReportType]) -> dict[str, Builtin]:
    """Every type's computed sections by the name template.yaml uses; a clash is an error."""
    return _merge("builtin", ((t.name, t.builtins) for t in types))  # type: ignore[return-value]


def covers_of(types: Iterable[ReportType]) -> dict[str, Cover]:
    """Every type's covers by the name template.yaml uses; a clash is an error."""
    return _merge("cover", ((t.name, t.covers) for t in types))  # type: ignore[return-value]


BUILTINS: Mapping[str, Builtin] = builtins_of(REPORT_TYPES)
COVERS: Mapping[str, Cover] = covers_of(REPORT_TYPES)
