"""Monthly series for the corporate parenting measures of catalogue_care, pinned to the real
January 2017 report.

The January 2017 corporate parenting report gives: review health assessments "over 95% in
time" for the previous three months, falling to 92.7% in January; dental checks declining to
66.1% (above 71% before; the board minutes of another council report 66.1% too); 63.7% of
children with a personal education plan produced within the last term; reviews of children in
care "relatively stable at above 98%", with a dip in the summer; care leavers stable at 224,
with the service in touch with all but a handful. Placed with parents and with connected
carers are invented at shares typical of English authorities.

These series draw from their own generator (``make.py`` seeds it from the part's name), so
adding them left every figure of the core set unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from reportgen.data.synthetic.series import Measure, Whole


def build_care(
    periods: list[str], rng: np.random.Generator, core: Mapping[str, Measure]
) -> dict[str, Measure]:
    """The corporate parenting measures, on the core's children in care and care leavers."""
    w = Whole(periods, rng)
    cla = core["cla"].value
    out: dict[str, Measure] = {}
    _health(w, cla, out)
    _education_and_reviews(w, cla, out)
    _placements(w, cla, out)
    eet = core["eet"]
    assert eet.den is not None
    out["care_leavers_in_touch"] = _in_touch(w, eet.den)
    return out


def _health(w: Whole, cla: np.ndarray, out: dict[str, Measure]) -> None:
    """Health and dental checks share one cohort: children in care for 12 months or more."""
    cohort = np.round(0.68 * cla + w.noise(2))
    out["health_assessments"] = w.ratio(
        cohort,
        {
            "2014-04": 88.0,
            "2015-03": 90.5,
            "2016-03": 93.5,
            "2016-09": 95.6,
            "2016-12": 95.4,
            "2017-01": 92.7,
            "2017-03": 94.0,
        },
        sd=0.8,
        pins={"2016-12": 95.4, "2017-01": 92.7},
        base="cla",
    )
    den = out["health_assessments"].den
    assert den is not None
    out["dental_checks"] = w.ratio(
        den,
        {
            "2014-04": 80.0,
            "2015-03": 82.0,
            "2016-03": 79.5,
            "2016-09": 75.0,
            "2016-11": 71.6,
            "2016-12": 69.0,
            "2017-01": 66.1,
            "2017-03": 69.5,
        },
        sd=1.0,
        pins={"2016-12": 69.0, "2017-01": 66.1},
        base="cla",
    )


def _education_and_reviews(w: Whole, cla: np.ndarray, out: dict[str, Measure]) -> None:
    school_age = np.round(0.62 * cla + w.noise(2))
    out["pep_in_date"] = w.ratio(
        school_age,
        {
            "2014-04": 84.0,
            "2015-09": 88.0,
            "2016-06": 90.5,
            "2016-10": 86.0,
            "2016-12": 67.0,
            "2017-01": 63.7,
            "2017-03": 79.0,
        },
        sd=1.0,
        pins={"2017-01": 63.7},
        base="cla",
    )
    held = cla / 4.4 + w.noise(3)
    out["cla_reviews"] = w.ratio(
        held,
        {
            "2014-04": 95.5,
            "2016-03": 97.0,
            "2016-06": 96.5,
            "2016-07": 93.0,
            "2016-08": 92.0,
            "2016-09": 94.5,
            "2016-10": 98.0,
            "2017-01": 98.3,
            "2017-03": 98.4,
        },
        sd=0.4,
        pins={"2017-01": 98.3},
        base="cla",
        binomial=True,
    )


def _placements(w: Whole, cla: np.ndarray, out: dict[str, Measure]) -> None:
    """Shares of the children in care: the denominator is the children in care count."""
    out["placed_with_parents"] = w.ratio(
        cla,
        {"2014-04": 4.6, "2015-03": 5.0, "2016-03": 5.6, "2016-09": 6.1, "2017-03": 5.9},
        sd=0.15,
        base="cla",
    )
    out["connected_carers"] = w.ratio(
        cla,
        {"2014-04": 11.0, "2015-03": 11.8, "2016-03": 12.6, "2017-01": 13.5, "2017-03": 13.7},
        sd=0.3,
        base="cla",
    )


def _in_touch(w: Whole, in_touch: np.ndarray) -> Measure:
    """The care leavers the EET figure counts are those in touch; a few more are not."""
    share_lost = w.path({"2014-04": 6.5, "2016-03": 4.5, "2017-03": 3.0}) + w.noise(0.6)
    lost = np.maximum(np.round(in_touch * np.clip(share_lost, 0.5, 20.0) / 100.0), 0.0)
    den = in_touch + lost
    return Measure(
        value=in_touch / den * 100.0, num=in_touch.copy(), den=den, scale=100.0, base="leavers"
    )
