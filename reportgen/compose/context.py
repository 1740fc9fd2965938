"""What composition knows about one report: spec, template, computed figures, narratives.

Built once per report and passed forward; composition functions read it and never
reach back into data loading or see a DataFrame.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import formatting as fmt
from reportgen.compose.spec import ReportSpec
from reportgen.compose.template import TemplateDef
from reportgen.errors import SpecError
from reportgen.indicators.report_data import ReportData
from reportgen.indicators.result import IndicatorResult, IndicatorSet


@dataclass(frozen=True)
class ComposeContext:
    spec: ReportSpec
    spec_path: Path
    template_dir: Path
    template: TemplateDef
    results: IndicatorSet
    narratives: Path
    data: ReportData | None = None  # typed rows beyond the results: breakdowns, all councils
    variables: Mapping[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The spec's title, naming the locality when the report is for one."""
        whole = self.data.whole_area if self.data is not None else None
        area = self.results.area
        if self.data is not None and self.data.area_kind == "authority":  # one LA of many (EES)
            return f"{self.spec.title}: {area}"
        if whole is None or area == whole or area in self.spec.title:
            return self.spec.title
        return f"{self.spec.title}: {area} locality"

    def data_for(self, what: str) -> ReportData:
        """The typed data rows ``what`` needs; a context built without data (a unit test's,
        or a check's) says so instead of failing on None."""
        if self.data is None:
            raise SpecError(
                f"{what} needs the report's data, and none was loaded",
                file=self.spec_path,
                hint="build the report with its data folder",
            )
        return self.data

    def indicator(self, name: str, where: str = "") -> IndicatorResult:
        """Look an indicator up by id or spec alias; unknown names are a SpecError."""
        key = self.spec.aliases.get(name, name)
        if key in self.results:
            return self.results[key]
        known = ", ".join(sorted(self.results))
        raise SpecError(
            f"unknown indicator '{name}'{' in ' + where if where else ''}",
            file=self.spec_path,
            hint=f"use an id from the indicator definitions: {known}",
        )


def _is_locality(spec: ReportSpec) -> bool:
    return spec.area is not None and spec.area not in (
        spec.council,
        spec.council.removesuffix(" Council"),
    )


def narrative_variables(
    spec: ReportSpec, results: IndicatorSet, extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The names a snippet can use: every indicator id, every alias, and report facts."""
    variables: dict[str, Any] = dict(results.results)
    for alias, target in spec.aliases.items():
        if target not in results:
            known = ", ".join(sorted(results))
            raise SpecError(
                f"alias '{alias}' points at unknown indicator '{target}'",
                hint=f"use one of: {known}",
            )
        variables[alias] = results[target]
    any_result = next(iter(results.results.values()), None)
    variables.update(
        period=fmt.fmt_period(spec.period),
        period_code=spec.period,
        financial_year=any_result.financial_year if any_result else "",
        council=spec.council,
        area=results.area,
        # "Example Borough Council", or "the North locality" in a locality's report
        place=spec.council
        if spec.area in (None, results.area) and not _is_locality(spec)
        else f"the {results.area} locality",
        title=spec.title,
        meeting=spec.meeting,
        committee=spec.meeting.committee if spec.meeting else "",
        indicators=results,
        spec=spec,
    )
    variables.update(spec.extra)
    if extra:
        variables.update(extra)
    return variables
