"""A Typst pack makes its Word agenda while the front's last compile runs, from where
the items will start (``assemble._WordAgenda``): the agenda it returns must print the
pages the items really start on, made again if they moved after all.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx

import reportgen.render.docx as docx_module
from reportgen.pack import assemble
from reportgen.pack.agenda import AgendaView
from reportgen.pack.items import PackItem
from reportgen.pack.spec import MeetingSpec
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]


def _word() -> assemble._WordAgenda:
    spec = MeetingSpec.model_validate(
        {"committee": "Cabinet", "date": dt.date(2017, 3, 14), "items": [{"title": "x"}]}
    )
    items = [PackItem(n, "file", f"Item {n}", f"Item {n}", pages=2) for n in (1, 2)]
    theme = load_theme(ROOT / "templates" / "committee-report")
    return assemble._WordAgenda(spec, items, AgendaView(public=True), theme, None)


def _pages(docx: bytes) -> list[str]:
    text = [p.text for p in open_docx(io.BytesIO(docx)).paragraphs]
    return [t for t in text if t.startswith("Page ")]


def test_word_agenda_made_early_is_kept_if_the_items_did_not_move(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    word, made = _word(), []
    real = docx_module.render_docx

    def counted(*args: Any) -> bytes:
        made.append(args)
        return real(*args)

    monkeypatch.setattr(docx_module, "render_docx", counted)
    early = {"item-1": (3, 0.0), "item-2": (5, 0.0)}
    word(early)
    assert len(made) == 1  # made while the front compiles
    assert _pages(word.docx(dict(early))) == ["Page 4", "Page 6"]
    assert len(made) == 1  # and not made again


def test_word_agenda_is_made_again_if_the_items_moved() -> None:
    word = _word()
    word({"item-1": (3, 0.0), "item-2": (5, 0.0)})  # the front then grew by a page
    assert _pages(word.docx({"item-1": (4, 0.0), "item-2": (6, 0.0)})) == ["Page 5", "Page 7"]
