"""England's children's services authorities as the files show them, reorganisations included.

An authority's life is read from the data, not from a list in code: it exists from the
first year in which any mapped indicator has a figure for it to the last. An authority
whose last year is before the latest year published is defunct (Cumbria, last figures
2023; Northamptonshire, 2021); its rows stay in every series, where the files mark its
later years ``z`` (not applicable). Which authorities replaced which is a fact the
mapping states (``reorganisations:``), so the report can say so.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportgen.data.ees.mapping import Reorganisation
from reportgen.errors import SpecError


@dataclass(frozen=True)
class Authority:
    code: str  # new_la_code, e.g. E06000001
    old_code: str  # old_la_code, e.g. 805 (the neighbour model's key)
    name: str
    region_code: str
    region_name: str
    first_year: int  # first year with a figure
    last_year: int  # last year with a figure
    current: bool  # has figures in the latest year published
    replaced: str = ""  # "1 April 2023", for a defunct authority
    successors: tuple[str, ...] = ()  # names of the authorities that replaced it
    predecessors: tuple[str, ...] = ()  # names of the authorities this one replaced
    created: str = ""  # date of that reorganisation
    #: every code the files give it: a county that became a unitary of the same name and
    #: area (North Yorkshire, 2023) or a boundary change (Barnsley, 2025) changed its
    #: new_la_code but kept its name and old_la_code, and its series runs on
    codes: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """'current', or 'abolished 1 April 2023 (now Cumberland and Westmorland ...)'."""
        if self.current:
            return "current"
        now = and_list(self.successors)
        when = f" {self.replaced}" if self.replaced else ""
        return f"abolished{when}" + (f", replaced by {now}" if now else "")

    @property
    def predecessor(self) -> str:
        """'Bournemouth, Poole and Dorset', or ''."""
        return and_list(self.predecessors)


def and_list(names: Sequence[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def _norm(text: str) -> str:
    text = text.lower().replace("&", "and")
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


@dataclass(frozen=True)
class Authorities:
    """Every authority in the data, looked up by code, old code or name."""

    all: tuple[Authority, ...]
    latest_year: int

    @property
    def current(self) -> tuple[Authority, ...]:
        return tuple(a for a in self.all if a.current)

    def by_code(self, code: str) -> Authority | None:
        return next((a for a in self.all if code in a.codes), None)

    def by_old_code(self, code: str) -> Authority | None:
        """The authority with this old code, the current one where a code was reused."""
        found = [a for a in self.all if a.old_code == code]
        return next((a for a in found if a.current), found[0] if found else None)

    def resolve(self, text: str) -> Authority:
        """An authority from its code (E06000001, or 805) or its name, any case.

        A name that is part of exactly one authority's name ("Bristol" for "Bristol, City
        of") is enough. Anything else is one line naming the closest authorities.
        """
        query = _norm(text)
        exact = [
            a for a in self.all if query in (*map(_norm, a.codes), _norm(a.old_code), _norm(a.name))
        ]
        if len(exact) > 1:  # Dorset the county (to 2019) and Dorset the unitary
            exact = [a for a in exact if a.current] or exact[:1]
        if len(exact) == 1:
            return exact[0]
        words = [a for a in self.all if re.search(rf"\b{re.escape(query)}\b", _norm(a.name))]
        if len(query) >= 4 and len(words) == 1:
            return words[0]
        raise SpecError(
            f"unknown authority '{text}'{self._suggest(query, words)}; give the "
            "name or code (e.g. E06000001) of one of England's "
            f"{len(self.current)} children's services authorities"
        )

    def _suggest(self, query: str, words: Sequence[Authority]) -> str:
        names = {_norm(a.name): a for a in self.all}
        close = [names[n] for n in difflib.get_close_matches(query, list(names), n=3, cutoff=0.6)]
        found = list(dict.fromkeys([*words, *close]))[:4]
        if not found:
            return ""
        return ": did you mean " + ", ".join(f"{a.name} ({a.code})" for a in found) + "?"


def build_authorities(
    observations: pd.DataFrame,
    reorganisations: Sequence[Reorganisation] = (),
    reported: Sequence[str] | None = None,
) -> Authorities:
    """The register from the authority rows of the mapped indicators.

    An authority's years are those with a figure for a ``reported`` indicator: a
    population estimate exists for Cumberland at mid-2023, but its first year of
    children's social care figures is 2024.
    """
    rows = observations[
        (observations["level"] == "authority")
        & ~observations["code"].str.contains("/", regex=False)
    ]
    latest = int(rows["year"].max())
    known = rows[~np.isnan(rows["value"].to_numpy(dtype="float64"))]
    if reported is not None:
        known = known[known["indicator"].isin(list(reported))]
    found: dict[str, Authority] = {}
    for (old, name), group in rows.groupby(["old_code", "name"], sort=False):
        years = known.loc[known.index.intersection(group.index), "year"]
        first, final = (int(years.min()), int(years.max())) if len(years) else (latest, latest)
        last = group[group["year"] == group["year"].max()]
        code = str(last["code"].mode().iloc[0])  # the code most files use now
        found[code] = Authority(
            code=code,
            old_code=str(old),
            name=str(name),
            region_code=str(last["region_code"].iloc[0]),
            region_name=str(last["region_name"].iloc[0]),
            first_year=first,
            last_year=final,
            current=final == latest,
            codes=(code, *sorted(set(group["code"]) - {code})),
        )
    found = _reorganise(found, reorganisations)
    return Authorities(
        all=tuple(sorted(found.values(), key=lambda a: (a.name, a.code))), latest_year=latest
    )


def _reorganise(
    found: dict[str, Authority], changes: Sequence[Reorganisation]
) -> dict[str, Authority]:
    from dataclasses import replace

    by_any = {c: a.code for a in found.values() for c in a.codes}
    for change in changes:
        old = found.get(by_any.get(change.abolished, ""))
        new = [found[by_any[c]] for c in change.successors if c in by_any]
        if old is None or not new or old in new:
            continue  # a change of code only: one authority, its series continuing
        found[old.code] = replace(old, replaced=change.date, successors=tuple(a.name for a in new))
        for a in new:
            a = found[a.code]
            found[a.code] = replace(
                a, predecessors=(*a.predecessors, old.name), created=change.date
            )
    return found
