"""Benchmark: the indicator engine on the bundled example data.

Target: under 0.2 s per period for every indicator (a batch of monthly reports for every
locality computes hundreds of these). Loads ``data/`` once, then times
``compute_indicators`` for each period and area on a fresh dataset object (so the
one-off indexing in ``indicators.prepared`` is counted in the first call) and again warm.

    .venv/bin/python benchmarks/indicators_speed.py [--data data] [--period 2017-01]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from reportgen.data import load_dataset
from reportgen.indicators import compute_indicators

TARGET_S = 0.2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / "data")
    parser.add_argument("--period", default=None, help="time just this period")
    args = parser.parse_args()

    started = time.perf_counter()
    dataset = load_dataset(args.data)
    print(
        f"load_dataset: {time.perf_counter() - started:.3f} s, "
        f"{len(dataset.definitions)} indicators, {len(dataset.periods)} periods, "
        f"areas {', '.join(dataset.areas)}"
    )

    started = time.perf_counter()
    first = compute_indicators(dataset, args.period or dataset.latest_period())
    print(
        f"first call (indexes the dataset): {time.perf_counter() - started:.4f} s "
        f"for {len(first)} indicators"
    )

    periods = [args.period] if args.period else dataset.periods
    timings = []
    for area in dataset.areas:
        for period in periods:
            started = time.perf_counter()
            compute_indicators(dataset, period, area)
            timings.append(time.perf_counter() - started)
    worst = max(timings)
    print(
        f"{len(timings)} period x area computations: mean {statistics.mean(timings):.4f} s, "
        f"max {worst:.4f} s (target < {TARGET_S} s): {'ok' if worst < TARGET_S else 'SLOW'}"
    )


if __name__ == "__main__":
    main()
