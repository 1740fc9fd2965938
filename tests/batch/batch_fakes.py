"""A stand-in per-item function with the shape of ``build_one``, for engine tests.

It runs in real worker processes (spawned, or Dask's), so it lives in an importable
module. It writes a small file per key and records which process did the work and
which processes were warmed, so tests can check distribution, warm-up and failures
without paying for real document builds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from reportgen.batch import ItemResult
from reportgen.errors import DataError


def fake_warm(spec_path: str) -> None:
    """Mark this process as warmed (one file per worker pid, beside the 'spec')."""
    (Path(spec_path).parent / f"warm-{os.getpid()}").write_text("warm", encoding="utf-8")


def fake_build(
    spec_path: str, key: str, out_dir: str, formats: tuple[str, ...] = ("docx", "pdf")
) -> ItemResult:
    """Behaves by key: 'bad-*' fails like bad input, 'raise-*' raises, 'crash-*' kills its
    worker process, anything else writes ``<out>/<key>.<fmt>`` holding the worker's pid."""
    started = time.perf_counter()
    if key.startswith("crash-"):
        os._exit(13)  # as the OOM killer or a native segfault would
    if key.startswith("raise-"):
        raise RuntimeError(f"unexpected failure for {key}")
    if key.startswith("bad-"):
        return ItemResult.failed(key, str(DataError(f"no rows for {key}", file="values.csv")))
    folder = Path(spec_path).parent
    warmed = (folder / f"warm-{os.getpid()}").exists()
    if warmed:  # wait (a little) for a second warmed worker, so both get some of the work
        deadline = time.monotonic() + 10
        while len(list(folder.glob("warm-*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    time.sleep(0.05)
    outputs = []
    for fmt in formats:
        target = Path(out_dir) / f"{key}.{fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{os.getpid()} warmed={warmed}", encoding="utf-8")
        outputs.append(str(target))
    return ItemResult(
        key=key, ok=True, outputs=tuple(outputs), seconds=time.perf_counter() - started
    )


def probe(
    spec_path: str, key: str, out_dir: str, formats: tuple[str, ...] = ("docx", "pdf")
) -> ItemResult:
    """Report, as its outputs, what the worker process it ran in was started with."""
    import sys

    import reportgen

    facts = (
        f"file={reportgen.__file__}",
        f"preloaded={'reportgen.batch.preload' in sys.modules}",
        f"data_loaded={'reportgen.data.loader' in sys.modules}",
        f"env={os.environ.get('RG_PROBE', '')}",
        f"preload_env={os.environ.get('REPORTGEN_BATCH_PRELOAD', '')}",
    )
    return ItemResult(key=key, ok=True, outputs=facts)
