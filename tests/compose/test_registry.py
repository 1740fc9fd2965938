"""The registry of report types: every name a bundled template uses is registered once,
every registered type has a template, and a name claimed twice is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen import model as m
from reportgen.compose.plugin import ReportType
from reportgen.compose.registry import BUILTINS, COVERS, REPORT_TYPES, builtins_of, covers_of

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = {
    p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in (ROOT / "templates").glob("*/template.yaml")
}


def test_every_builtin_and_cover_a_template_names_is_registered() -> None:
    named = {s["builtin"] for t in TEMPLATES.values() for s in t["sections"] if "builtin" in s}
    covers = {t["cover"] for t in TEMPLATES.values() if t.get("cover")}
    assert named - set(BUILTINS) == set() and covers - set(COVERS) == set()


def test_every_registered_type_is_a_bundled_template_or_shared() -> None:
    names = [t.name for t in REPORT_TYPES]
    assert len(names) == len(set(names))
    assert set(names) - {"shared"} <= set(TEMPLATES)


def test_a_type_is_one_value_and_its_names_join_the_tables() -> None:
    def notes(ctx: object, sdef: object) -> tuple[m.Block, ...]:
        return (m.Paragraph(m.inlines("Noted.")),)

    extra = ReportType(name="care-summary", builtins={"care_notes": notes})
    assert builtins_of((*REPORT_TYPES, extra))["care_notes"] is notes
    assert set(builtins_of((*REPORT_TYPES, extra))) == {*BUILTINS, "care_notes"}


def test_a_name_claimed_twice_is_refused_naming_both_types() -> None:
    taken = next(iter(COVERS))
    clash = ReportType(name="copycat", covers={taken: COVERS[taken]})
    with pytest.raises(ValueError, match=f"cover '{taken}' is registered by both .* and 'copycat'"):
        covers_of((*REPORT_TYPES, clash))
