"""The one exemption rule (``reportgen.exemption``) and the small consumers that ask it
without building anything: batch output permissions and ``reportgen check``."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from reportgen.batch.items import _private_if_exempt
from reportgen.check.spec import exemption_findings
from reportgen.compose.spec import Exemption, ReportSpec
from reportgen.errors import SpecError
from reportgen.exemption import (
    Declaration,
    decide,
    declarations,
    pack_variant,
    project_declarations,
    unreadable_declarations,
)
from reportgen.pack.spec import MeetingSpec


def spec(**extra: object) -> ReportSpec:
    return ReportSpec.model_validate({"title": "T", "period": "2017-01", **extra})


def test_an_open_report_is_not_exempt() -> None:
    assert decide(spec()) is None
    assert decide(spec(appendices=[{"label": "A", "title": "Open", "exempt": False}])) is None


def test_each_source_makes_a_report_exempt_and_names_itself() -> None:
    flagged = decide(spec(exempt={"paragraph": 3}))
    assert flagged is not None and flagged.paragraph == 3
    assert flagged.sources == ("the report spec says so",)
    appendix = decide(spec(appendices=[{"label": "B", "title": "x", "exempt": {"paragraph": 1}}]))
    assert appendix is not None and appendix.paragraph == 1
    assert appendix.sources == ("appendix B is exempt",)
    item = decide(spec(), item=Exemption(paragraph=7))
    assert item is not None and item.paragraph == 7
    said = Declaration(Path("/r.yaml"), Exemption(paragraph=2), "m.yaml, agenda item 4")
    meeting = decide(spec(), declared=[said])
    assert meeting is not None and meeting.sources == ("m.yaml, agenda item 4 says so",)


def test_the_agenda_item_paragraph_wins_then_the_spec_then_an_appendix() -> None:
    both = spec(
        exempt={"paragraph": 3, "publish_after": "May"},
        appendices=[{"label": "A", "title": "x", "exempt": {"paragraph": 1}}],
    )
    ruling = decide(both, item=Exemption(paragraph=5))
    assert ruling is not None and ruling.paragraph == 5 and len(ruling.sources) == 3
    ruling = decide(both)
    assert ruling is not None and (ruling.paragraph, ruling.publish_after) == (3, "May")


def test_an_exempt_appendix_without_a_paragraph_is_exempt_but_cannot_print_a_notice() -> None:
    ruling = decide(spec(appendices=[{"label": "C", "title": "x", "exempt": True}]))
    assert ruling is not None and ruling.paragraph is None
    with pytest.raises(SpecError, match="appendix C is exempt"):
        ruling.stated_paragraph()


def test_meeting_items_declare_by_resolved_report_path(tmp_path: Path) -> None:
    meeting = MeetingSpec.model_validate(
        {
            "committee": "C",
            "date": "2017-03-14",
            "items": [
                {"title": "Apologies"},
                {"report": "../reports/a.yaml", "exempt": {"paragraph": 1}},
                {"report": "../reports/b.yaml"},
            ],
        }
    )
    path = tmp_path / "meetings" / "m.yaml"
    found = declarations({path: meeting})
    target = (tmp_path / "reports" / "a.yaml").resolve()
    assert list(found) == [target]
    assert found[target][0].source == "m.yaml, agenda item 2"


def test_a_broken_meeting_spec_still_withholds_what_it_names(tmp_path: Path) -> None:
    raw = {
        "committee": "C",
        "items": [{"report": "../reports/a.yaml", "exempt": "yes"}],
        "unknown_key": True,
    }
    found = unreadable_declarations(tmp_path / "meetings" / "m.yaml", raw)
    assert [d.report for d in found] == [(tmp_path / "reports" / "a.yaml").resolve()]
    assert found[0].exemption is None


def test_pack_parts() -> None:
    assert pack_variant("public") is None
    assert pack_variant("full") is not None


def _project(tmp_path: Path, exempt_item: bool) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "meetings").mkdir()
    report = tmp_path / "reports" / "r.yaml"
    report.write_text("title: T\nperiod: 2017-01\n", encoding="utf-8")
    item = "    exempt: {paragraph: 4}\n" if exempt_item else ""
    (tmp_path / "meetings" / "m.yaml").write_text(
        f"committee: C\ndate: 2017-03-14\nitems:\n  - report: ../reports/r.yaml\n{item}",
        encoding="utf-8",
    )
    return report


@pytest.mark.parametrize("exempt_item", [True, False])
def test_batch_outputs_of_an_exempt_report_are_private(tmp_path: Path, exempt_item: bool) -> None:
    report = _project(tmp_path, exempt_item)
    assert len(project_declarations(report)) == int(exempt_item)
    output = tmp_path / "out.pdf"
    output.write_bytes(b"%PDF")
    output.chmod(0o644)
    _private_if_exempt(report, [output])
    mode = stat.S_IMODE(output.stat().st_mode)
    assert mode == (0o600 if exempt_item else 0o644)


def test_check_warns_when_only_a_meeting_item_makes_a_report_exempt(tmp_path: Path) -> None:
    report = _project(tmp_path, exempt_item=True)
    found = exemption_findings(spec(), report)
    assert [f.code for f in found] == ["exempt-undeclared"]
    assert "m.yaml, agenda item 1" in found[0].message
    assert exemption_findings(spec(exempt={"paragraph": 4}), report) == []
