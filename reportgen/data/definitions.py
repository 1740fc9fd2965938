"""dataset.yaml and indicators.yaml: who the data is about and what each indicator means.

Definitions are hand-edited by analysts, so every mistake names the indicator and the
line of indicators.yaml it is on, and unknown keys are rejected with the nearest known
one (a misspelt ``polarty`` silently ignored would flip a rating).
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reportgen.data.dataset import Aggregation, IndicatorDef, Materiality, Tolerance
from reportgen.errors import DataError
from reportgen.vocabulary import POLARITIES, UNITS

#: PyYAML's libyaml (C) safe loader when built with it: same results, ~10x faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

AGGREGATIONS: tuple[str, ...] = typing.get_args(Aggregation)
FREQUENCIES = ("monthly", "quarterly", "annual")
REQUIRED_KEYS = ("id", "title", "unit", "polarity")
OPTIONAL_KEYS = (
    "short_title",
    "definition",
    "aggregation",
    "rate_per",
    "numerator",
    "denominator",
    "targets",
    "tolerance",
    "source",
    "frequency",
    "theme",
    "benchmark_id",
    "decimals",
    "stable_within",
)
_ID = re.compile(r"[a-z][a-z0-9_]*")
_FIN_YEAR = re.compile(r"\d{4}/\d{2}")


@dataclass(frozen=True)
class DatasetInfo:
    council: str
    council_code: str
    whole_area: str
    notes: str
    decimal: str = "."  # the decimal mark of the values files: "." or "," (17,6 = 17.6)


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The parsed document and its node tree (for line numbers in later errors)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(
            f"missing file: {path.name}",
            file=path.parent,
            hint=f"add {path.name} to the data folder",
        ) from None
    except UnicodeDecodeError as exc:
        raise DataError("not UTF-8 text", file=path.name, hint="save the file as UTF-8") from exc
    try:
        return yaml.load(text, Loader=SAFE_LOADER), yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError(
            f"YAML syntax error: {exc.problem or exc.context}",
            file=path.name,
            line=mark.line + 1 if mark else None,
            hint="check indentation and that text containing ':' is quoted",
        ) from exc
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {exc}", file=path.name) from exc


def load_info(path: Path) -> DatasetInfo:
    data, _ = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(
            "expected keys council, council_code, whole_area",
            file=path.name,
            line=1,
            hint="see data/dataset.yaml in the reportgen repository",
        )
    values: dict[str, str] = {}
    for key in ("council", "council_code", "whole_area"):
        value = data.get(key)
        if not isinstance(value, str | int) or not str(value).strip():
            raise DataError(
                f"missing key '{key}'",
                file=path.name,
                column=key,
                hint=f"add a line `{key}: ...` (e.g. council: Example Borough "
                "Council, whole_area: Example Borough)",
            )
        values[key] = str(value).strip()
    notes = data.get("source_notes", "")
    decimal = str(data.get("decimal", ".") or ".")
    if decimal not in (".", ","):
        raise DataError(
            f'decimal must be "." or ",", not {decimal!r}',
            file=path.name,
            column="decimal",
            hint='write decimal: "," if your files use 17,6 '
            "for seventeen point six, else leave the line out",
        )
    return DatasetInfo(
        values["council"],
        values["council_code"],
        values["whole_area"],
        str(notes or "").strip(),
        decimal,
    )


def load_definitions(path: Path) -> dict[str, IndicatorDef]:
    data, root = read_yaml(path)
    items = data.get("indicators") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise DataError(
            "expected a list of indicators under `indicators:`",
            file=path.name,
            line=1,
            hint="each indicator is a `- id: ...` entry with title, unit, polarity",
        )
    return definitions_from_items(items, path.name, _item_lines(root))


def definitions_from_items(
    items: list[Any], file: str = "indicators.yaml", lines: list[int] | None = None
) -> dict[str, IndicatorDef]:
    """Validated definitions from parsed YAML items (the generator uses this too)."""
    lines = lines or []
    defs: dict[str, IndicatorDef] = {}
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else None
        definition = _definition(item, file, line)
        if definition.id in defs:
            raise DataError(
                f"indicator '{definition.id}' is defined twice",
                file=file,
                line=line,
                hint="indicator ids must be unique",
            )
        defs[definition.id] = definition
    check_references(defs, file, lines)
    return defs


def _item_lines(root: yaml.Node | None) -> list[int]:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if getattr(key, "value", None) == "indicators":
                root = value
    if isinstance(root, yaml.SequenceNode):
        return [node.start_mark.line + 1 for node in root.value]
    return []


def _definition(item: object, file: str, line: int | None) -> IndicatorDef:
    if not isinstance(item, dict):
        raise DataError("an indicator entry must be a mapping of keys", file=file, line=line)
    ident = str(item.get("id", "")).strip()
    label = f"indicator '{ident}'" if ident else "an indicator"

    def fail(message: str, hint: str, column: str | None = None) -> DataError:
        return DataError(f"{label}: {message}", file=file, line=line, column=column, hint=hint)

    for key in item:
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            close = difflib.get_close_matches(str(key), REQUIRED_KEYS + OPTIONAL_KEYS, n=1)
            raise fail(
                f"unknown key '{key}'",
                f"did you mean '{close[0]}'?"
                if close
                else f"allowed keys: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)}",
                str(key),
            )
    for key in REQUIRED_KEYS:
        if item.get(key) in (None, ""):
            raise fail(
                f"missing required key '{key}'",
                f"every indicator needs: {', '.join(REQUIRED_KEYS)}",
                key,
            )
    if not _ID.fullmatch(ident):
        raise fail("ids are lower case letters, digits and underscores", "e.g. cla_rate", "id")
    _check_choice(item, "unit", UNITS, fail)
    _check_choice(item, "polarity", POLARITIES, fail)
    _check_choice(item, "aggregation", AGGREGATIONS, fail)
    _check_choice(item, "frequency", FREQUENCIES, fail)
    rate_per = item.get("rate_per")
    if rate_per is not None and (not isinstance(rate_per, int) or rate_per <= 0):
        raise fail(
            f"rate_per must be a positive whole number, not {rate_per!r}",
            "e.g. rate_per: 10000 for a rate per 10,000",
            "rate_per",
        )
    if item.get("numerator") and rate_per is None and item["unit"] == "rate":
        raise fail(
            "a rate built from a numerator needs rate_per", "add rate_per: 10000", "rate_per"
        )
    return IndicatorDef(
        id=ident,
        title=str(item["title"]),
        unit=item["unit"],
        polarity=item["polarity"],
        short_title=str(item.get("short_title") or ""),
        definition=str(item.get("definition") or "").strip(),
        aggregation=item.get("aggregation") or "stock",
        rate_per=rate_per,
        numerator=_opt_str(item.get("numerator")),
        denominator=_opt_str(item.get("denominator")),
        targets=_targets(item.get("targets"), fail),
        tolerance=_tolerance(item.get("tolerance"), fail),
        source=str(item.get("source") or ""),
        frequency=item.get("frequency") or "monthly",
        theme=str(item.get("theme") or ""),
        benchmark_id=_opt_str(item.get("benchmark_id")),
        decimals=_decimals(item.get("decimals"), fail),
        stable_within=_stable_within(item.get("stable_within"), fail),
    )


def _decimals(raw: object, fail: Any) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 4:
        raise fail(
            f"decimals must be a whole number from 0 to 4, not {raw!r}",
            "e.g. decimals: 2 to show 89.80",
            "decimals",
        )
    return raw


def _stable_within(raw: object, fail: Any) -> Materiality | None:
    """``stable_within: 2`` (in the unit) or ``stable_within: "1%"`` (of the previous)."""
    if raw is None:
        return None
    text = str(raw).strip()
    percent = text.endswith("%")
    try:
        amount = float(text.rstrip("%").strip())
    except ValueError:
        amount = -1.0
    if isinstance(raw, bool) or amount < 0 or amount != amount:
        raise fail(
            f"stable_within must be a number >= 0 or a percentage, not {raw!r}",
            'e.g. stable_within: 2 (children) or stable_within: "1%" (of the previous value)',
            "stable_within",
        )
    return Materiality(amount, percent)


def _check_choice(item: Mapping[str, Any], key: str, allowed: tuple[str, ...], fail: Any) -> None:
    value = item.get(key)
    if value is not None and value not in allowed:
        raise fail(f"invalid {key} '{value}'", f"use one of: {', '.join(allowed)}", key)


def _opt_str(value: object) -> str | None:
    return str(value).strip() if value not in (None, "") else None


def _targets(raw: object, fail: Any) -> dict[str, float]:
    if raw in (None, {}):
        return {}
    if not isinstance(raw, dict):
        raise fail("targets must map financial years to numbers", 'e.g. "2016/17": 84.0', "targets")
    targets: dict[str, float] = {}
    for year, value in raw.items():
        year = str(year)
        if not _FIN_YEAR.fullmatch(year) or (int(year[:4]) + 1) % 100 != int(year[5:]):
            raise fail(
                f"target year '{year}' is not a financial year",
                'write years as "2016/17" (quoted)',
                "targets",
            )
        if value is None:
            continue  # no target that year
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(
                f"target for {year} is not a number: {value!r}",
                "write the number alone, e.g. 84.0 (no % sign)",
                "targets",
            )
        targets[year] = float(value)
    return targets


def _tolerance(raw: object, fail: Any) -> Tolerance:
    if raw is None:
        return Tolerance()
    if not isinstance(raw, dict) or set(raw) - {"amber_pct", "blue_pct"}:
        raise fail(
            "tolerance takes amber_pct and blue_pct",
            "e.g. {amber_pct: 5, blue_pct: 2}",
            "tolerance",
        )
    values = {k: raw[k] for k in ("amber_pct", "blue_pct") if k in raw}
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise fail(
                f"tolerance {key} must be a number >= 0, not {value!r}",
                "percentages of the target, e.g. amber_pct: 5",
                "tolerance",
            )
    return Tolerance(**{k: float(v) for k, v in values.items()})


def check_references(defs: Mapping[str, IndicatorDef], file: str, lines: list[int]) -> None:
    """A rate's numerator and denominator must exist (an indicator or population:<band>)."""
    order = list(defs)
    for ident, d in defs.items():
        line = lines[order.index(ident)] if order.index(ident) < len(lines) else None
        for role in ("numerator", "denominator"):
            ref = getattr(d, role)
            if ref is None or (role == "denominator" and ref.startswith("population:")):
                continue
            if ref not in defs or defs[ref].numerator is not None or ref == ident:
                close = difflib.get_close_matches(ref, order, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise DataError(
                    f"indicator '{ident}': {role} '{ref}' is not a defined count indicator",
                    file=file,
                    line=line,
                    column=role,
                    hint=hint + "use the id of an indicator in this file, or "
                    "population:0-17 for a denominator",
                )
        if d.numerator is not None and d.denominator is None:
            raise DataError(
                f"indicator '{ident}': numerator without a denominator",
                file=file,
                line=line,
                column="denominator",
                hint="add denominator: population:0-17 (or an indicator id)",
            )
