"""The example data: a fictional Example Borough Council, children's social care, 2014-2017.

    python -m reportgen.data.generate data [--seed N] [--areas N] [--councils N]

writes the bundled data/ folder (see reportgen.data.synthetic for how the figures are made).
``generate_dataset`` makes the same data in memory (any number of localities, any number of
comparator authorities) for tests and benchmarks, and ``write_dataset`` puts it on disk.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from reportgen.atomic import write_bytes_atomic
from reportgen.data.synthetic.make import DEFAULT_SEED, generate_dataset
from reportgen.data.writer import write_dataset

README = """\
# Example data: Example Borough Council, children's social care

Fictional figures for a fictional council, April 2014 to March 2017, monthly. Written by
`python -m reportgen.data.generate data --seed {seed}`: regenerate rather than hand-edit
(a test checks that these files are exactly what the generator writes).

- `dataset.yaml`: the council's name, its code in `councils.csv`, its whole area's name.
- `indicators.yaml`: one definition per indicator: unit, polarity (`neutral` for the
  volume measures, which are context, not performance), `stable_within`, targets by
  financial year, BRAG tolerance, data source.
- `values.csv`: indicator, area, period, value, numerator, denominator; one row per
  indicator, area and month.
- `population.csv`: area, year, age_band, population; mid-year estimates, aged 0-17.
- `benchmarks.csv`: indicator, year, code, name, kind, value; England, the 9 regions and
  all 152 authorities, 2013/14 to 2015/16.
- `councils.csv`: code, name, region, deprivation, under18, neighbour, own; the 152
  authorities (invented names), 10 of them statistical neighbours.
- `breakdowns.csv`: indicator, area, period, dimension, category, count, value; children
  in care by gender, ethnicity, age band and time in care, re-referrals by gender and age.

Conventions your own data must follow too:

- Periods are months, `YYYY-MM`. Financial years are `YYYY/YY` (April to March).
- `area` is the whole council (`whole_area` in dataset.yaml) or a locality; localities add up to
  the whole (percentages as summed numerators over summed denominators).
- Rates built from a count (`cla_rate` = `cla` per 10,000 aged 0-17) have no rows in
  values.csv: the loader computes them, dividing by the population estimate for the year the
  period's financial year starts (January 2017 uses mid-2016).
- A blank value means "not available"; a missing row is a missing month. A value may be
  a GSS symbol instead (`c` suppressed, `x` not available, `z` not applicable, `u` low
  reliability, `low`/`k` rounds to zero; the older `:` and `..` mean `x`): the figure stays
  missing with its reason, never 0. Decimals use a point (17.6) unless dataset.yaml says
  `decimal: ","`; a numerator and denominator must be counts that agree with the value.
  See docs/figures.md in the reportgen repository.
- Any table may be an `.xlsx` workbook instead (same name; the sheet named like the file, or
  the first sheet), but not both.

The whole council's figures for January 2017 follow a real council's corporate
parenting report: 482 children in care, 85.5 per 10,000 (76.6 at the 2015/16 year-end,
statistical neighbours 75.8); 3+ placements 11.7% (12.8% in December); long-term stability
66.2%; care leavers in EET 71.3% (neighbours 50.4%, England 48%); visits within timescales
78.7%; average caseload 12.9; 9 adoptions in January. Targets for 2016/17 give red, amber,
green and blue ratings in that month.

The corporate parenting measures follow the same report (and the minutes of another
council's Corporate Parenting Board): health assessments in time 92.7% in January 2017
(over 95% in the three months before), dental checks 66.1% (target 95%), personal
education plans up to date 63.7%, reviews of children in care on time above 98%, and the
share of children in care placed with parents and with connected carers (family and
friends), and of care leavers the council is in touch with.

**Every benchmark in `benchmarks.csv` is synthetic**, including England's figures: the
published files in `data-ees/` start in 2021 and hold no health, dental, placement-type or
"in touch" figures, so none is copied from them. The England values are set at levels
typical of England in 2013-2016 (for example health assessments 89%, dental checks 84%,
placed with parents 5.1%, connected carers 12.0%, care leavers in touch 88% in 2015/16),
and the regions, statistical neighbours and authorities are invented around them. Personal
education plans and reviews on time are local measures with no published comparator.
"""

__all__ = ["DEFAULT_SEED", "generate_dataset", "main", "write_dataset"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reportgen.data.generate",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("folder", type=Path, help="where to write the data files")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--areas",
        type=int,
        default=None,
        help="number of localities (default: North, South, East, Central)",
    )
    parser.add_argument("--councils", type=int, default=152)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    args = parser.parse_args(argv)
    dataset = generate_dataset(seed=args.seed, areas=args.areas, councils=args.councils)
    write_dataset(dataset, args.folder, fmt=args.format)
    readme = args.folder / "README.md"
    write_bytes_atomic(readme, README.format(seed=args.seed).encode("utf-8"))
    readme.chmod(0o644)
    print(
        f"wrote {len(dataset.values)} values ({len(dataset.definitions)} indicators, "
        f"{len(dataset.areas)} areas, {len(dataset.periods)} periods) to {args.folder}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
