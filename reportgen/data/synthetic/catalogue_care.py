"""Corporate parenting measures the real papers report beside the core set (issue 19).

Two real corporate parenting papers (a council report to a Corporate Parenting Panel and the
minutes of a Corporate Parenting Board) report, besides placements, visits and care leavers
in education: health assessments and dental checks in time, personal education plans up to
date, children in care reviews held in timescale, children placed with parents or with
connected carers (family and friends), and care leavers the council is in touch with. These
are their definitions. The ids are a contract with the corporate parenting narratives, the
board scorecard spec and their tests.

Placed with parents and with connected carers are context, not performance (``neutral``, no
target): the right number of each depends on the children. They are kept as a share of the
children in care so that they compare with England's published share; the narratives
quote the number of children too (the numerator).
"""

from __future__ import annotations

from typing import Any

from reportgen.data.synthetic.catalogue import (
    BENCHMARKED,
    CARE_LEAVERS,
    CASE_SYSTEM,
    INDICATORS,
    _ind,
    _targets,
)

OC2 = f"{CASE_SYSTEM}; SSDA903 return (children looked after, health outcomes: OC2)"
PLACEMENTS = f"{CASE_SYSTEM}; SSDA903 return (children looked after, placement type)"
VIRTUAL_SCHOOL = f"Virtual School records; {CASE_SYSTEM} (local measure)"
REVIEWS = f"Independent Reviewing Officer service; {CASE_SYSTEM} (local measure)"
HEALTH = "health and education"

CARE_INDICATORS: list[dict[str, Any]] = [
    _ind(
        "health_assessments",
        "Children in care with an up-to-date health assessment",
        "Health assessments in time",
        "percent",
        "higher",
        "stock",
        HEALTH,
        OC2,
        "Of children looked after for at least 12 months at the end of the month, the "
        "percentage whose review health assessment is up to date (within 12 months, or "
        "6 months for children under 5).",
        _targets(95.0, 95.0, 95.0),
    ),
    _ind(
        "dental_checks",
        "Children in care with an up-to-date dental check",
        "Dental checks in time",
        "percent",
        "higher",
        "stock",
        HEALTH,
        OC2,
        "Of children looked after for at least 12 months at the end of the month, the "
        "percentage who have had a dental check in the last 12 months.",
        _targets(95.0, 95.0, 95.0),
    ),
    _ind(
        "pep_in_date",
        "Children in care with an up-to-date personal education plan",
        "PEPs in date",
        "percent",
        "higher",
        "stock",
        HEALTH,
        VIRTUAL_SCHOOL,
        "Of children of statutory school age looked after at the end of the month, the "
        "percentage whose personal education plan (PEP) was reviewed within the last term.",
        _targets(90.0, 95.0, 95.0),
    ),
    _ind(
        "cla_reviews",
        "Children in care reviews held within timescales",
        "Reviews on time",
        "percent",
        "higher",
        "proportion",
        "quality",
        REVIEWS,
        "Of the statutory reviews of children in care held in the month, the percentage "
        "held within the required timescales (20 working days, 3 months, then 6 months).",
        _targets(95.0, 95.0, 95.0),
    ),
    _ind(
        "placed_with_parents",
        "Children in care placed with parents",
        "Placed with parents",
        "percent",
        "neutral",
        "stock",
        "permanency",
        PLACEMENTS,
        "Children looked after at the end of the month who were placed with a parent or "
        "other person with parental responsibility, as a percentage of all children in care.",
        stable_within=0.3,
    ),
    _ind(
        "connected_carers",
        "Children in care placed with connected carers (family and friends)",
        "Placed with connected carers",
        "percent",
        "neutral",
        "stock",
        "permanency",
        PLACEMENTS,
        "Children looked after at the end of the month who were in a foster placement with "
        "a relative or friend (a connected carer), as a percentage of all children in care.",
        stable_within=0.3,
    ),
    _ind(
        "care_leavers_in_touch",
        "Care leavers the council is in touch with",
        "Care leavers in touch",
        "percent",
        "higher",
        "stock",
        "care leavers",
        CARE_LEAVERS,
        "Of the care leavers aged 17 to 21 at the end of the month, the percentage the "
        "council is in touch with.",
        _targets(None, 95.0, 95.0),
    ),
]

#: Nationally published for every authority (SSDA903): the others are local measures.
CARE_BENCHMARKED = (
    "health_assessments",
    "dental_checks",
    "placed_with_parents",
    "connected_carers",
    "care_leavers_in_touch",
)

#: The whole example indicator set, the core's first so their figures never move.
ALL_INDICATORS: list[dict[str, Any]] = [*INDICATORS, *CARE_INDICATORS]
ALL_BENCHMARKED: tuple[str, ...] = (*BENCHMARKED, *CARE_BENCHMARKED)
