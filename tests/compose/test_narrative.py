"""Narrative snippets: placeholders filled from figures, errors that name file and line."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from reportgen import model as m
from reportgen.compose.narrative import markdown_to_blocks, render_inline, render_snippet
from reportgen.errors import NarrativeError

CLA = SimpleNamespace(
    value=85.51,
    count=482,
    rate=85.51,
    unit="rate",
    change=1.24,
    direction="deteriorating",
    brag="red",
    previous=84.27,
)


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_placeholders_are_filled_and_formatted(tmp_path: Path) -> None:
    write(
        tmp_path,
        "cla.md",
        "At the end of {{ period }} there were {{ cla.count | count }} children in care, "
        "a rate of {{ cla.rate | rate }} per 10,000 ({{ cla.change | signed('rate') }}, "
        "{{ cla | direction }}; rated {{ cla | rating }}).\n",
    )
    blocks = render_snippet(tmp_path, "cla.md", {"period": "January 2017", "cla": CLA})
    text = m.plain_text(blocks[0].content)  # type: ignore[union-attr]
    assert text == (
        "At the end of January 2017 there were 482 children in care, a rate of 85.5 "
        "per 10,000 (+1.2, deteriorating; rated Red)."
    )


def test_conditional_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        "c.md",
        "{% if cla.direction == 'deteriorating' %}Rising.{% else %}Falling.{% endif %}\n",
    )
    blocks = render_snippet(tmp_path, "c.md", {"cla": CLA})
    assert m.plain_text(blocks[0].content) == "Rising."  # type: ignore[union-attr]


def test_undefined_placeholder_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "bad.md", "First line is fine.\n\nSecond {{ cla.count }} and {{ cpp.rate }}\n")
    with pytest.raises(NarrativeError) as err:
        render_snippet(tmp_path, "bad.md", {"cla": CLA})
    assert err.value.line == 3
    assert str(err.value.file).endswith("bad.md")
    assert "'cpp' is undefined" in str(err.value)


def test_undefined_attribute_is_an_error_not_a_blank(tmp_path: Path) -> None:
    write(tmp_path, "bad.md", "{{ cla.valu | rate }}\n")
    with pytest.raises(NarrativeError, match="valu"):
        render_snippet(tmp_path, "bad.md", {"cla": CLA})


def test_syntax_error_names_line(tmp_path: Path) -> None:
    write(tmp_path, "bad.md", "ok\n{% if %}\n")
    with pytest.raises(NarrativeError) as err:
        render_snippet(tmp_path, "bad.md", {})
    assert err.value.line == 2


def test_missing_snippet_file(tmp_path: Path) -> None:
    with pytest.raises(NarrativeError, match="not found"):
        render_snippet(tmp_path, "nope.md", {})


def test_inline_text_errors_name_the_label(tmp_path: Path) -> None:
    with pytest.raises(NarrativeError) as err:
        render_inline(tmp_path, "{{ nothing }}", {}, label="spec.yaml (summary)")
    assert err.value.file == "spec.yaml (summary)"


def test_markdown_structure() -> None:
    blocks = markdown_to_blocks(
        "Intro with **bold** and [a link](https://example.org).\n\n- one\n- two\n  - nested\n\n"
        "## Plans\n\nPlans text.\n\n| Name | Value |\n|---|--:|\n| A | 1 |\n"
    )
    intro, bullets, plans = blocks
    assert isinstance(intro, m.Paragraph)
    assert [r.bold for r in intro.content][:2] == [False, True]
    assert any(r.link == "https://example.org" for r in intro.content)
    assert isinstance(bullets, m.BulletList)
    assert bullets.items[1].children[0].content[0].text == "nested"
    assert isinstance(plans, m.Section) and plans.title == "Plans"
    table = plans.blocks[1]
    assert isinstance(table, m.Table)
    assert table.header[1].align == "right" and table.rows[0][1].text == "1"
