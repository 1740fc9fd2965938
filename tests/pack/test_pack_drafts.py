"""A draft report is refused in a published (public) pack unless the meeting allows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pack_meeting import CREATED, MEETING, fake_compose, write_meeting

from reportgen.errors import SpecError
from reportgen.pack import build_packs, items

NOT_ALLOWED = MEETING.replace(
    "  - report: reports/care-leavers.yaml\n    allow_draft: true\n",
    "  - report: reports/care-leavers.yaml\n",
)


@pytest.fixture(autouse=True)
def _fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(items, "_compose", fake_compose)


def test_a_draft_in_a_public_pack_is_refused_and_nothing_written(tmp_path: Path) -> None:
    assert NOT_ALLOWED != MEETING
    spec = write_meeting(tmp_path, NOT_ALLOWED)
    out = tmp_path / "output"
    with pytest.raises(SpecError) as error:
        build_packs(spec, out, ("public", "full"), created=CREATED)
    message = str(error.value)
    assert "agenda item 5 (Care Leavers Annual Report)" in message
    assert "allow_draft: true" in message and "status: final" in message
    assert not out.exists() or not any(out.iterdir())


def test_the_meeting_may_allow_drafts(tmp_path: Path) -> None:
    meeting = NOT_ALLOWED.replace("status: final\n", "").replace(
        "committee:", "allow_draft: true\ncommittee:", 1
    )
    spec = write_meeting(tmp_path, meeting[: meeting.index("supplement:")])
    result = build_packs(spec, tmp_path / "output", ("public",), created=CREATED)
    assert result.outputs["cpp-2017-03-public"]["pdf"].is_file()


def test_a_full_pack_alone_is_not_a_publication(tmp_path: Path) -> None:
    spec = write_meeting(tmp_path, NOT_ALLOWED[: NOT_ALLOWED.index("supplement:")])
    result = build_packs(spec, tmp_path / "output", ("full",), created=CREATED)
    assert result.outputs["cpp-2017-03-full"]["pdf"].is_file()
