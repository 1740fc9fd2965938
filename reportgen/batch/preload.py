"""Imported once by the batch's fork server, before it forks any worker: their shared warm-up.

Local batch workers are forked from one server process (``multiprocessing``'s
forkserver) rather than each started from nothing. The server imports this module, which
loads the spec named by ``REPORTGEN_BATCH_PRELOAD`` (the writers' modules, the dataset,
the indicator results; see ``items.warm_shared``), so every worker starts with them in
memory instead of paying ~3.5 CPU s each to load the same things. It starts no thread
(forking a process with threads is unsafe): Typst's compiler and the Word pictures are
warmed in each worker after the fork (``items.warm_worker``).

Any error is ignored here: the workers then warm themselves, and ``build_one`` reports
each area's error as it would have.
"""

from __future__ import annotations

import contextlib
import os

from reportgen.batch.items import PRELOAD_ENV


def _preload() -> None:
    spec = os.environ.get(PRELOAD_ENV)
    if not spec:
        return
    with contextlib.suppress(Exception):
        from reportgen.batch.items import warm_shared

        warm_shared(spec)


_preload()
