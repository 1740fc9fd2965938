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

from reportgen.data.synthetic.make import DEFAULT_SEED, generate_dataset
from reportgen.data.writer import write_dataset

__all__ = ["DEFAULT_SEED", "generate_dataset", "main", "write_dataset"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reportgen.data.generate",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="where to write the data files")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--areas", type=int, default=None,
                        help="number of localities (default: North, South, East, Central)")
    parser.add_argument("--councils", type=int, default=152)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    args = parser.parse_args(argv)
    dataset = generate_dataset(seed=args.seed, areas=args.areas, councils=args.councils)
    write_dataset(dataset, args.folder, fmt=args.format)
    print(f"wrote {len(dataset.values)} values ({len(dataset.definitions)} indicators, "
          f"{len(dataset.areas)} areas, {len(dataset.periods)} periods) to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
