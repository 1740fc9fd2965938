"""A synthetic meeting built from hand-made report Documents, so most pack tests do not
depend on the indicator engine: report specs on disk are minimal (they only need a title,
period and exemption) and composing them is replaced by ``fake_compose``.

The exempt report carries distinctive phrases, figures and a unique PNG so the leak
tests can prove none of it reaches the public pack (and that all of it reaches the full
pack, so the test can fail).

A uniquely named module (not ``conftest``): pytest puts every test folder's own
``conftest`` under the same module name, so importing from one picks up whichever
folder's conftest was loaded last.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sample_document import tiny_png

from reportgen import model as m

ROOT = Path(__file__).resolve().parents[2]
MINUTES = ROOT / "meetings" / "files" / "minutes-2017-01-10.pdf"
CREATED = datetime(2017, 3, 1, 9, 0, tzinfo=UTC)

#: Phrases, figures and names only the exempt report contains.
SECRETS = (
    "Brightwater Residential Partnership",
    "£4,812,377",
    "Tender reference BW-7731",
    "Hollyoak Fostering Limited",
    "Placement Framework Contract Award",
    "weighted score of 87.4",
)


def png(rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG; the colour makes each one unique."""
    return tiny_png(rgb, width=9, height=5)


def para(number: str, text: str) -> m.Paragraph:
    return m.Paragraph(m.inlines(text), number=number)


def report(
    title: str,
    phrase: str,
    sections: int = 4,
    paras: int = 6,
    colour: tuple[int, int, int] = (31, 58, 96),
) -> m.Document:
    """A committee-report-shaped Document: cover title, numbered sections, a figure."""
    body: list[m.Block] = []
    for s in range(1, sections + 1):
        blocks: list[m.Block] = [
            para(f"{s}.{p}", f"{phrase} paragraph {s}.{p}. " * 8) for p in range(1, paras + 1)
        ]
        if s == 2:
            blocks.append(
                m.Figure(
                    m.Image(png=png(colour), width_mm=60, height_mm=30),
                    alt=f"Chart for {phrase}",
                    caption=f"Figure 1: {phrase}",
                )
            )
            blocks.append(m.Section(f"{phrase} detail", (para(f"{s}.9", phrase),), number=f"{s}.1"))
        body.append(m.Section(f"{phrase} section {s}", tuple(blocks), number=str(s)))
    cover = (
        m.Section(
            title,
            (m.Paragraph(m.inlines(f"Summary of {phrase}."), numbered=False),),
            anchor="cover",
        ),
        m.PageBreak(),
    )
    meta = m.Metadata(
        title=title,
        author="Report Author",
        subject=phrase,
        keywords=(phrase,),
        running_header=title,
        created=CREATED,
    )
    return m.Document(meta=meta, body=tuple(body), cover=cover)


def exempt_report() -> m.Document:
    doc = report(
        "Placement Framework Contract Award",
        "Brightwater Residential Partnership",
        sections=3,
        colour=(200, 17, 99),
    )
    extra = m.Section(
        "Evaluation",
        (
            para(
                "4.1",
                "The preferred bidder is Hollyoak Fostering Limited with a weighted "
                "score of 87.4 and a price of £4,812,377 over four years.",
            ),
            para("4.2", "Tender reference BW-7731 closed on 3 February 2017."),
        ),
        number="4",
    )
    return m.Document(meta=doc.meta, body=(*doc.body, extra), cover=doc.cover)


DOCS: dict[str, Callable[[], m.Document]] = {
    "performance": lambda: report(
        "Corporate Parenting Performance Report", "Performance of services", colour=(10, 120, 40)
    ),
    "care-leavers": lambda: report(
        "Care Leavers Annual Report", "Care leavers support", colour=(120, 10, 140)
    ),
    "sufficiency": lambda: report(
        "Placement Sufficiency Strategy", "Sufficiency planning", colour=(140, 120, 10)
    ),
    "contract": exempt_report,
    "late": lambda: report("Ofsted Monitoring Visit Letter", "Monitoring visit findings"),
}

REPORT_SPECS = {
    "performance": (
        "title: Corporate Parenting Performance Report\nperiod: 2017-01\nstatus: final\n"
    ),
    "care-leavers": "title: Care Leavers Annual Report\nperiod: 2017-01\nstatus: draft\n",
    "sufficiency": "title: Placement Sufficiency Strategy\nperiod: 2017-01\nstatus: final\n",
    "contract": (
        "title: Placement Framework Contract Award\nperiod: 2017-01\n"
        "exempt:\n  paragraph: 3\n  publish_after: when the contract is signed\n"
    ),
    "late": "title: Ofsted Monitoring Visit Letter\nperiod: 2017-01\nstatus: final\n",
}

MEETING = """\
council: Example Borough Council
committee: Corporate Parenting Panel
date: 2017-03-14
time: "10:00"
venue: Committee Room 1, Town Hall
members:
  - {name: Councillor A Patel, role: Chair}
  - {name: Councillor J Roberts, role: Vice-Chair}
  - Councillor M Clarke
contact: {name: R Evans, role: Democratic Services Officer, email: r.evans@example.gov.uk}
published: 2017-03-06
output_name: cpp-2017-03
items:
  - title: Apologies for absence
    text: To receive apologies for absence.
  - title: Declarations of interest
    text: Members are asked to declare any interests in items on this agenda.
  - title: Minutes of the last meeting
    file: files/minutes.pdf
    text: To approve the minutes of the meeting held on 10 January 2017.
  - report: reports/performance.yaml
  - report: reports/care-leavers.yaml
    allow_draft: true
  - report: reports/sufficiency.yaml
  - report: reports/contract.yaml
    public_title: Residential placements commissioning
  - title: Date of next meeting
    text: Tuesday 13 June 2017 at 10.00 am.
supplement:
  published: 2017-03-10
  items:
    - report: reports/late.yaml
      urgency_reason: the letter arrived after the agenda was published.
"""


def write_meeting(folder: Path, meeting: str = MEETING) -> Path:
    """A meeting folder: the spec, minimal report specs, the minutes PDF."""
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    (folder / "files").mkdir(exist_ok=True)
    for name, text in REPORT_SPECS.items():
        (folder / "reports" / f"{name}.yaml").write_text(text, encoding="utf-8")
    shutil.copy(MINUTES, folder / "files" / "minutes.pdf")
    spec = folder / "meeting.yaml"
    spec.write_text(meeting, encoding="utf-8")
    return spec


def fake_compose(path: Path, label: str, status: str = "final") -> m.Document:
    """Stands in for ``items._compose``: the hand-made Document, drafted as asked."""
    doc = DOCS[path.stem]()
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, draft=status == "draft"))
