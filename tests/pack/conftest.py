"""Pack fixtures: the synthetic meeting's packs, built once per session.

Shared constants and builders live in the uniquely named modules ``pack_meeting`` and
``pack_helpers``, never here: every test folder has a ``conftest`` and pytest imports
them all under that one name, so ``from conftest import ...`` picks up whichever folder's
conftest happened to load last. This folder is put on ``sys.path`` below so those
modules import under any pytest import mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from pack_meeting import CREATED, fake_compose, write_meeting  # noqa: E402

from reportgen.pack import PackResult, build_packs, items  # noqa: E402

Built = dict[str, dict[str, Path]]


@pytest.fixture(scope="session")
def meeting_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("meeting")


@pytest.fixture(scope="session")
def pack_result(meeting_dir: Path) -> PackResult:
    """Public, full and supplement packs of the synthetic meeting, built once."""
    spec = write_meeting(meeting_dir)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(items, "_compose", fake_compose)
        return build_packs(spec, meeting_dir / "output", created=CREATED)


@pytest.fixture(scope="session")
def built(pack_result: PackResult) -> Built:
    return pack_result.outputs


@pytest.fixture(scope="session", params=["weasyprint", "typst"])
def engine_built(
    request: pytest.FixtureRequest, pack_result: PackResult, meeting_dir: Path
) -> Built:
    """The same packs from each PDF engine (the default engine's are ``pack_result``'s)."""
    from reportgen.render.engine import choose_engine

    engine = str(request.param)
    if engine == choose_engine():
        return pack_result.outputs
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(items, "_compose", fake_compose)
        result = build_packs(
            meeting_dir / "meeting.yaml",
            meeting_dir / f"output-{engine}",
            created=CREATED,
            pdf_engine=engine,
        )
    return result.outputs
