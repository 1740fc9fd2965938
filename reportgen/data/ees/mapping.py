"""The mapping (``ees.yaml``): which columns of which EES tidy CSVs are which indicators.

Explore Education Statistics publishes every statistical release as "tidy" CSVs of the
same shape: ``time_period``, ``time_identifier``, ``geographic_level``, the geography
codes and names, some filter columns (``population_type``, ``category``...) and some
indicator columns (``children_count``, ``rate_per_10000``...). Reading one more file of
that shape should need no code, only a few lines saying which rows (filters) and which
column (value) make the indicator, and what the indicator is (title, unit, polarity,
decimals). Those lines are this mapping; ``docs/ees-data.md`` has a worked example.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from reportgen.data.definitions import read_yaml
from reportgen.errors import DataError

Unit = Literal["count", "rate", "percent", "days", "average"]
#: ``neutral``: a context measure (a rate of children looked after is neither good nor bad
#: in itself); it is ranked from the highest value, and no "better/worse" is claimed.
Polarity = Literal["higher", "lower", "neutral"]
MAPPING_FILE = "ees.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileDef(_Strict):
    """One published CSV, unchanged, and where it came from (for the sources section)."""

    path: str  # relative to the mapping's folder
    publication: str
    url: str = ""
    released: str = ""  # e.g. "13 November 2025"


class IndicatorMap(_Strict):
    """One indicator: the rows (``filters``) and column (``value``) of one file.

    A rate the file does not publish is computed: ``count`` divided by the ``denominator``
    indicator's value ``denominator_lag`` years earlier, times ``rate_per`` (children in
    need per 10,000 aged 0-17 divides by the mid-year estimate of the year before).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    short_title: str = ""
    file: str  # a key of ``files``
    filters: dict[str, str] = Field(default_factory=dict)
    value: str | None = None  # column holding the indicator's figure
    count: str | None = None  # column holding the number behind a rate or percentage
    unit: Unit
    polarity: Polarity
    rate_per: int | None = None  # 10000: "per 10,000 children"
    denominator: str | None = None  # an indicator id: compute value = count / it x rate_per
    denominator_lag: int = Field(default=0, ge=0, le=5)
    decimals: int = Field(default=0, ge=0, le=3)
    definition: str = ""
    source: str = ""  # default: the file's publication
    report: bool = True  # False: used only as a denominator (a population)

    @model_validator(mode="after")
    def _value_or_rate(self) -> IndicatorMap:
        if self.value is None and (self.count is None or self.denominator is None):
            raise ValueError(
                "give `value:` (a column), or `count:` and `denominator:` to compute a rate"
            )
        if self.denominator is not None and self.rate_per is None:
            raise ValueError("a computed rate needs `rate_per:` (e.g. 10000)")
        return self

    @property
    def label(self) -> str:
        return self.short_title or self.title


class NeighbourDef(_Strict):
    """The DfE statistical neighbour model file (wide: SN_1..SN_10 and closeness)."""

    path: str
    publication: str = "Children's services statistical neighbour benchmarking tool"
    url: str = ""


class Reorganisation(_Strict):
    """A local government reorganisation: ``from`` replaced by ``to`` on ``date``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    abolished: str = Field(alias="from")  # new_la_code of the defunct authority
    successors: list[str] = Field(alias="to")
    date: str  # "1 April 2023", as a reader would write it


class EesMapping(_Strict):
    """The whole of ees.yaml."""

    title: str = "Explore Education Statistics"
    attribution: str = (
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )
    notes: str = ""
    files: dict[str, FileDef]
    indicators: list[IndicatorMap]
    neighbours: NeighbourDef | None = None
    #: region codes to count as another region (Inner/Outer London -> London)
    regions: dict[str, str] = Field(default_factory=dict)
    reorganisations: list[Reorganisation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> EesMapping:
        ids = [i.id for i in self.indicators]
        for ind in self.indicators:
            if ind.file not in self.files:
                raise ValueError(
                    f"indicator '{ind.id}': file '{ind.file}' is not under "
                    f"files: ({_close(ind.file, list(self.files))})"
                )
            if ind.denominator is not None and ind.denominator not in ids:
                raise ValueError(
                    f"indicator '{ind.id}': denominator '{ind.denominator}' is "
                    f"not an indicator ({_close(ind.denominator, ids)})"
                )
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"indicator id(s) used twice: {', '.join(dupes)}")
        return self

    def indicator(self, ident: str) -> IndicatorMap:
        return next(i for i in self.indicators if i.id == ident)

    @property
    def reported(self) -> list[IndicatorMap]:
        return [i for i in self.indicators if i.report]


def _close(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
    return f"did you mean {', '.join(close)}?" if close else f"known: {', '.join(choices)}"


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The line of the YAML node a validation error's location points at (the deepest
    node found: an unknown key's entry, else its parent)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def load_mapping(path: Path) -> EesMapping:
    """Read and validate ees.yaml; a mistake is one DataError naming the field and line."""
    data, tree = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError("expected a YAML mapping (key: value lines)", file=path)
    try:
        return EesMapping.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(k) for k in first["loc"]) or "(top level)"
        raise DataError(
            f"{where}: {first['msg'].removeprefix('Value error, ')}",
            file=path,
            line=_line_of(tree, tuple(first["loc"])),
            hint="see docs/ees-data.md for the mapping's fields",
        ) from None
