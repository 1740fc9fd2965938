"""Benchmark: load_dataset on the bundled data/, and on a generated 152-locality dataset.

Target: under 1 s for data/ (every report build, CLI call and web request starts with a
load, though api.py caches it per process). The 152-area case is the batch-scale one: one
locality per English authority, about 100,000 value rows. Prints wall and CPU seconds (best
of ``--repeat``) for CSV and XLSX copies.

    .venv/bin/python benchmarks/data_load.py [--areas 152] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reportgen.data import generate_dataset, load_dataset, write_dataset

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.0


def timed(folder: Path, repeat: int) -> tuple[float, float, int]:
    """Best wall and CPU seconds over ``repeat`` loads, and the number of value rows."""
    best_wall = best_cpu = float("inf")
    rows = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        dataset = load_dataset(folder)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        rows = len(dataset.values)
    return best_wall, best_cpu, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--areas", type=int, default=152)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load_dataset(ROOT / "data")  # imports and first-touch costs out of the figures
    with tempfile.TemporaryDirectory() as tmp:
        example_xlsx = Path(tmp) / "example-xlsx"
        write_dataset(load_dataset(ROOT / "data"), example_xlsx, fmt="xlsx")
        started = time.perf_counter()
        big = generate_dataset(areas=args.areas)
        generated = time.perf_counter() - started
        write_dataset(big, Path(tmp) / "big")
        print(f"generate_dataset(areas={args.areas}): {generated:.2f} s")
        for label, folder in (
            ("data/ (CSV)", ROOT / "data"),
            ("data/ as XLSX", example_xlsx),
            (f"{args.areas} areas (CSV)", Path(tmp) / "big"),
        ):
            wall, cpu, rows = timed(folder, args.repeat)
            flag = (
                ""
                if label != "data/ (CSV)"
                else ("  OK" if wall < TARGET_S else f"  OVER the {TARGET_S} s target")
            )
            print(f"load {label:<20} {wall:6.3f} s wall {cpu:6.3f} s CPU  {rows:>7} rows{flag}")


if __name__ == "__main__":
    main()
