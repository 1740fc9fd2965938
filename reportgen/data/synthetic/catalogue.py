"""The example indicator set: what Example Borough Council reports on children's social care.

Written out as indicators.yaml by the generator. The ids are a contract with narratives,
report specs and tests (``cla_rate``, ``moves3``...). Targets are set so that January 2017,
the example report's period, shows every rating: red, amber, green and blue. Volume
measures (children in care, in need, on a plan, referrals) are ``neutral``: context for the
performance measures, described as rising or falling, never as better or worse.
"""

from __future__ import annotations

from typing import Any

CASE_SYSTEM = "Children's social care case management system"
SSDA903 = f"{CASE_SYSTEM}; SSDA903 return (children looked after)"
CIN_CENSUS = f"{CASE_SYSTEM}; Children in Need census"
WORKFORCE = "HR establishment records; Children's social work workforce census"
CARE_LEAVERS = f"Leaving care team tracker; {SSDA903.split('; ')[1]}"
YEARS = ("2014/15", "2015/16", "2016/17")


def _targets(*values: float | None) -> dict[str, float | None]:
    return dict(zip(YEARS, values, strict=True))


def _ind(
    id: str,
    title: str,
    short: str,
    unit: str,
    polarity: str,
    aggregation: str,
    theme: str,
    source: str,
    definition: str,
    targets: dict[str, float | None] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": id,
        "title": title,
        "short_title": short,
        "definition": definition,
        "unit": unit,
        "polarity": polarity,
        "aggregation": aggregation,
    }
    item.update({k: v for k, v in extra.items() if v is not None})
    item["targets"] = targets or {}
    item.setdefault("tolerance", {"amber_pct": 5.0, "blue_pct": 2.0})
    item.update({"source": source, "frequency": "monthly", "theme": theme})
    return item


INDICATORS: list[dict[str, Any]] = [
    _ind(
        "cla",
        "Children looked after",
        "Children in care",
        "count",
        "neutral",
        "stock",
        "demand",
        SSDA903,
        "The number of children looked after by the council at the end "
        "of the month (children in care), including those placed for adoption.",
        stable_within="1%",
    ),
    _ind(
        "cla_rate",
        "Children looked after per 10,000 population aged under 18",
        "Children in care rate",
        "rate",
        "lower",
        "stock",
        "demand",
        SSDA903,
        "Children looked after at the end of the month as a rate per 10,000 children and "
        "young people aged 0-17 (ONS mid-year estimate).",
        _targets(70.0, 74.0, 84.0),
        rate_per=10000,
        numerator="cla",
        denominator="population:0-17",
    ),
    _ind(
        "cpp",
        "Children subject to a child protection plan",
        "Child protection plans",
        "count",
        "neutral",
        "stock",
        "child protection",
        CIN_CENSUS,
        "The number of children subject to a child protection plan at the end of the month.",
        stable_within="2%",
    ),
    _ind(
        "cpp_rate",
        "Children subject to a child protection plan per 10,000 aged under 18",
        "Child protection rate",
        "rate",
        "lower",
        "stock",
        "child protection",
        CIN_CENSUS,
        "Children subject to a child protection plan at the end of the month per 10,000 "
        "children aged 0-17.",
        _targets(46.0, 44.0, 42.0),
        rate_per=10000,
        numerator="cpp",
        denominator="population:0-17",
    ),
    _ind(
        "cin",
        "Children in need",
        "Children in need",
        "count",
        "neutral",
        "stock",
        "demand",
        CIN_CENSUS,
        "The number of open children in need cases at the end of the month, "
        "including children on a child protection plan and children looked after.",
        stable_within="1%",
    ),
    _ind(
        "cin_rate",
        "Children in need per 10,000 population aged under 18",
        "Children in need rate",
        "rate",
        "neutral",
        "stock",
        "demand",
        CIN_CENSUS,
        "Children in need at the end of the month per 10,000 children aged 0-17.",
        None,
        rate_per=10000,
        numerator="cin",
        stable_within="1%",
        denominator="population:0-17",
    ),
    _ind(
        "referrals",
        "Referrals to children's social care",
        "Referrals",
        "count",
        "neutral",
        "flow",
        "front door",
        CIN_CENSUS,
        "The number of referrals accepted by children's social care in the month.",
        stable_within="5%",
    ),
    _ind(
        "rereferrals",
        "Re-referrals within 12 months of a previous referral",
        "Re-referrals",
        "percent",
        "lower",
        "proportion",
        "front door",
        CIN_CENSUS,
        "Of the referrals in the month, the percentage for a child referred within the "
        "previous 12 months.",
        _targets(23.0, 22.0, 22.0),
    ),
    _ind(
        "assessments_45",
        "Assessments completed within 45 working days",
        "Assessments in 45 days",
        "percent",
        "higher",
        "proportion",
        "front door",
        CIN_CENSUS,
        "Of the single assessments completed in the month, the percentage completed within "
        "45 working days of the referral.",
        _targets(80.0, 85.0, 85.0),
    ),
    _ind(
        "cp_repeat",
        "Child protection plans starting for a second or subsequent time",
        "Repeat CP plans",
        "percent",
        "lower",
        "proportion",
        "child protection",
        CIN_CENSUS,
        "Of the child protection plans that started in the month, the percentage for a child "
        "who had been on a plan before.",
        _targets(20.0, 20.0, 20.0),
    ),
    _ind(
        "cp_reviews",
        "Child protection reviews held within timescales",
        "CP reviews on time",
        "percent",
        "higher",
        "proportion",
        "child protection",
        CIN_CENSUS,
        "Of the child protection review conferences held in the month, the percentage held "
        "within the required timescales.",
        _targets(None, 95.0, 95.0),
    ),
    _ind(
        "visits",
        "Children looked after visited within timescales",
        "Visits on time",
        "percent",
        "higher",
        "stock",
        "quality",
        f"{CASE_SYSTEM} (local measure)",
        "The percentage of children looked after at the end of the month whose last "
        "statutory visit was within National Minimum Standards timescales.",
        _targets(95.0, 95.0, 95.0),
    ),
    _ind(
        "moves3",
        "Children looked after with three or more placements in 12 months",
        "3+ placements",
        "percent",
        "lower",
        "stock",
        "stability",
        SSDA903,
        "The percentage of children looked after at the end of the month who have had three "
        "or more placements in the last 12 months (former NI 62).",
        _targets(11.0, 10.0, 10.0),
    ),
    _ind(
        "stability",
        "Long-term placement stability",
        "Long-term stability",
        "percent",
        "higher",
        "stock",
        "stability",
        SSDA903,
        "Of children under 16 looked after for 2.5 years or more, the percentage who have "
        "lived in the same placement for at least 2 years (former NI 63).",
        _targets(70.0, 70.0, 68.0),
    ),
    _ind(
        "adoptions",
        "Adoptions",
        "Adoptions",
        "count",
        "higher",
        "flow",
        "permanency",
        SSDA903,
        "The number of children looked after who were adopted in the month.",
    ),
    _ind(
        "adoption_days",
        "Average days from entering care to moving in with an adoptive family",
        "Days to adoption placement",
        "days",
        "lower",
        "stock",
        "permanency",
        f"{SSDA903}; Adoption scorecard (A1)",
        "For children adopted in the last 12 months, the average number of days between "
        "entering care and moving in with their adoptive family (adoption scorecard A1).",
        _targets(487.0, 487.0, 426.0),
        benchmark_id="A1",
    ),
    _ind(
        "eet",
        "Care leavers in education, employment or training",
        "Care leavers in EET",
        "percent",
        "higher",
        "stock",
        "care leavers",
        CARE_LEAVERS,
        "Of the care leavers aged 17 to 21 the council is in touch with, the percentage in "
        "education, employment or training.",
        _targets(50.0, 55.0, 60.0),
    ),
    _ind(
        "care_leavers_accommodation",
        "Care leavers in suitable accommodation",
        "Care leavers suitably housed",
        "percent",
        "higher",
        "stock",
        "care leavers",
        CARE_LEAVERS,
        "Of the care leavers aged 17 to 21 the council is in touch with, the "
        "percentage in suitable accommodation.",
        _targets(None, 90.0, 95.0),
        stable_within=0.5,
    ),
    _ind(
        "caseload",
        "Average caseload of social workers in children in care teams",
        "Average caseload",
        "average",
        "lower",
        "stock",
        "workforce",
        f"{CASE_SYSTEM}; {WORKFORCE}",
        "Children allocated to social workers in the children in care teams at the end of the "
        "month divided by the full-time equivalent case-holding social workers.",
        _targets(15.0, 14.0, 13.0),
        tolerance={"amber_pct": 10.0, "blue_pct": 5.0},
    ),
    _ind(
        "sw_vacancy",
        "Social worker vacancy rate",
        "Vacancy rate",
        "percent",
        "lower",
        "stock",
        "workforce",
        WORKFORCE,
        "Vacant social worker posts (FTE) at the end of the month as a percentage of the "
        "funded establishment.",
        _targets(12.0, 12.0, 12.0),
    ),
    _ind(
        "agency",
        "Agency social workers",
        "Agency workers",
        "percent",
        "lower",
        "stock",
        "workforce",
        WORKFORCE,
        "Agency social workers (FTE) at the end of the month as a "
        "percentage of all social workers in post.",
        _targets(18.0, 16.0, 15.0),
    ),
]

# Indicators with a published annual comparator for every authority, England and region
# (benchmarks.csv); the others are local measures or counts.
BENCHMARKED = (
    "cla_rate",
    "cpp_rate",
    "cin_rate",
    "rereferrals",
    "assessments_45",
    "cp_repeat",
    "cp_reviews",
    "moves3",
    "stability",
    "adoption_days",
    "eet",
    "care_leavers_accommodation",
    "caseload",
    "sw_vacancy",
    "agency",
)
