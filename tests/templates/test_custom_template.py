"""Templates are data: a council copies a template folder, edits YAML, and builds.

This follows the README's worked example ("Adding your own report type or house style")
step by step, without touching Python: copy templates/committee-report into a council's
own templates/ folder, rename and retitle it, retitle a section in template.yaml, and
give it a theme.yaml with a heading colour, footer text, council name, logo and font.
Then `reportgen templates` lists it, `reportgen build` builds with it, and every change
is found in the real PDF and DOCX.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
import yaml
from docfiles import docx_headings, docx_part, docx_parts, pdf_figure_alts
from sample_document import tiny_png
from template_helpers import (
    ROOT,
    Built,
    build,
    docx_alts,
    pdf_fill_colours,
    pdf_font_names,
    pdf_pages,
    rgb,
)
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.compose.template import list_templates

NAME = "anytown-report"
TITLE = "Anytown cabinet report"
SECTION = "Main issues for the Cabinet"
COLOUR = "#7A1F5C"
FOOTER = "OFFICIAL \u2013 Anytown house style"
COUNCIL = "Anytown Council"
FONT = "DejaVu Serif"


def make_council_project(root: Path) -> Path:
    """The README's steps: copy, edit template.yaml, add theme.yaml; a spec from the
    template's example. Returns the spec."""
    folder = root / "templates" / NAME
    shutil.copytree(ROOT / "templates" / "committee-report", folder)
    template = yaml.safe_load((folder / "template.yaml").read_text(encoding="utf-8"))
    template.update(name=NAME, title=TITLE)
    for section in template["sections"]:
        if section["id"] == "key_issues":
            section["title"] = SECTION
    (folder / "template.yaml").write_text(
        yaml.safe_dump(template, sort_keys=False), encoding="utf-8"
    )
    (folder / "logo.png").write_bytes(tiny_png(rgb(COLOUR), width=40, height=16))
    theme = {
        "council_name": COUNCIL,
        "logo": "logo.png",
        "footer_text": FOOTER,
        "colours": {"heading": COLOUR},
        "fonts": {"body": FONT},
    }
    (folder / "theme.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
    shutil.copytree(folder / "snippets", root / "narratives" / "anytown")
    spec = (folder / "example-spec.yaml").read_text(encoding="utf-8")
    spec = spec.replace("{{narratives}}", "../narratives/anytown")
    spec = spec.replace("template: committee-report", f"template: {NAME}")
    spec = spec.replace("data: ../data", f"data: {ROOT / 'data'}")
    (root / "reports").mkdir()
    (root / "reports" / "anytown.yaml").write_text(spec, encoding="utf-8")
    return root / "reports" / "anytown.yaml"


@dataclass(frozen=True)
class Project:
    root: Path
    built: Built


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    root = tmp_path_factory.mktemp("council")
    spec = make_council_project(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)  # the council's own templates/ folder is found from where it runs
        yield Project(root, build(spec, root / "output"))


@pytest.mark.slow
def test_the_copy_is_listed_beside_the_bundled_templates(project: Project) -> None:
    found = list_templates()
    assert found[NAME].resolve() == (project.root / "templates" / NAME).resolve()
    assert "committee-report" in found
    result = CliRunner().invoke(app, ["templates"], terminal_width=200)
    assert result.exit_code == 0 and NAME in result.output


@pytest.mark.slow
def test_template_title_reaches_the_document_properties(project: Project) -> None:
    with pikepdf.open(project.built.pdf) as pdf:
        assert TITLE in str(pdf.docinfo.get("/Keywords"))
    assert TITLE in docx_part(project.built.docx, "docProps/core.xml")


@pytest.mark.slow
def test_renamed_section_in_both_formats(project: Project) -> None:
    body = project.built.body
    headings = [text for level, text in docx_headings(body) if level == 1]
    assert SECTION in headings  # Word numbers it "3" itself (list numbering, not text)
    assert not any("Key Issues" in h for h in headings)
    assert f"3 {SECTION}" in project.built.text and "Key Issues" not in project.built.text


@pytest.mark.slow
def test_footer_text_on_every_page_and_in_word(project: Project) -> None:
    assert project.built.text.count(FOOTER) == pdf_pages(project.built.pdf)
    footers = "".join(docx_parts(project.built.docx, "word/footer").values())
    assert FOOTER in footers
    assert "Example Borough Council" in footers  # the report's own footer is kept


@pytest.mark.slow
def test_heading_colour_in_both_formats(project: Project) -> None:
    assert rgb(COLOUR) in pdf_fill_colours(project.built.pdf)
    styles = docx_part(project.built.docx, "word/styles.xml")
    heading = styles[styles.index('w:styleId="Heading1"') :]
    heading = heading[: heading.index("</w:style>")]
    assert f'w:val="{COLOUR.lstrip("#")}"' in heading


@pytest.mark.slow
def test_font_in_both_formats(project: Project) -> None:
    assert any(
        FONT.replace(" ", "") in name.replace("-", "") for name in pdf_font_names(project.built.pdf)
    )
    styles = docx_part(project.built.docx, "word/styles.xml")
    assert f'w:ascii="{FONT}"' in styles


@pytest.mark.slow
def test_council_name_and_logo_with_alt_text(project: Project) -> None:
    assert COUNCIL in project.built.text
    assert f"{COUNCIL} logo" in pdf_figure_alts(project.built.pdf)
    assert f"{COUNCIL} logo" in docx_alts(project.built.body)
    assert COUNCIL in docx_part(project.built.docx, "word/document.xml")


@pytest.mark.slow
def test_the_bundled_template_is_untouched(project: Project) -> None:
    original = yaml.safe_load(
        (ROOT / "templates" / "committee-report" / "template.yaml").read_text(encoding="utf-8")
    )
    assert original["name"] == "committee-report"
    assert SECTION not in {s["title"] for s in original["sections"]}


def test_every_builtin_cover_and_theme_key_is_documented() -> None:
    """The README's tables must name everything a template can use (Datasette's rule:
    a documented thing that is missing, or an undocumented one, fails a test)."""
    from reportgen.compose.registry import BUILTINS, COVERS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Adding your own report type or house style") :]
    missing = [name for name in (*BUILTINS, *COVERS) if f"`{name}`" not in section]
    assert not missing, f"document these in the README: {missing}"
    base = yaml.safe_load((ROOT / "templates" / "_base" / "theme.yaml").read_text("utf-8"))
    assert not [key for key in base if f"`{key}`" not in section]


def test_theme_footer_is_added_after_the_reports_own_and_keeps_its_marking() -> None:
    from reportgen import model as m
    from reportgen.render.common import footer_text

    exempt = "Example Borough Council \u2013 NOT FOR PUBLICATION (Schedule 12A, paragraph 3)"
    doc = m.Document(m.Metadata(title="T", footer_text=exempt), body=())
    assert footer_text(doc, "OFFICIAL") == f"{exempt} \u2013 OFFICIAL"
    assert footer_text(doc, "") == exempt
    assert footer_text(doc, "Example Borough Council") == exempt  # not said twice
    assert footer_text(m.Document(m.Metadata(title="T"), body=()), "OFFICIAL") == "OFFICIAL"
