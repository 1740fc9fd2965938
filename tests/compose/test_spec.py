"""Report specs: validated up front, errors name the file, field and line."""

from pathlib import Path

import pytest

from reportgen.compose.spec import load_spec
from reportgen.errors import SpecError

MINIMAL = "title: T\nperiod: 2017-01\n"


def test_minimal_spec_defaults(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    spec = load_spec(path)
    assert spec.template == "committee-report" and spec.is_draft and spec.wards == ["All"]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("title: T\nperiod: 2017-13\n", "period must be YYYY-MM", 2),
        ("title: T\nperiod: 2017-01\ncolour: blue\n", "colour", 3),
        ("title: T\nperiod: 2017-01\nexempt:\n  paragraph: 9\n", "Schedule 12A", 4),
        ("title: T\nperiod: 2017-01\nstatus: done\n", "status", 3),
        ("title: [unclosed\n", "not valid YAML", None),
    ],
)
def test_bad_specs(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text)
    with pytest.raises(SpecError) as err:
        load_spec(path)
    assert message in str(err.value)
    assert err.value.file == path
    if line is not None:
        assert err.value.line == line


def test_content_item_needs_one_kind(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL + "sections:\n  background:\n    - snippet: a.md\n      text: b\n")
    with pytest.raises(SpecError, match="exactly one"):
        load_spec(path)


def test_missing_file() -> None:
    with pytest.raises(SpecError, match="not found"):
        load_spec(Path("/nonexistent/spec.yaml"))
