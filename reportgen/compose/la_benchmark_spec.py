"""The ``la_benchmark:`` block of a report spec (template la-benchmark).

Kept apart from the composer so that ``compose.spec`` can import it without importing
composition (and charts) with it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class LaBenchmarkSpec(BaseModel):
    """Which measures the benchmarking report shows, and which get charts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measures: list[str] = Field(default_factory=list)  # indicator ids; default: all reported
    #: measures drawn as a comparator chart and a trend chart; default: the first measure;
    #: [] for none
    charts: list[str] | None = None
