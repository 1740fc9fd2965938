"""A small real project with a report made exempt in each way reportgen allows.

Every field a person writes (title, authors, officers, recommendations, appendices,
background papers, summary, narrative snippet, a Markdown table in it, inline text, a
table caption, signoffs) carries a marker unique to its report and field, so a scan of
any output says exactly which field of which report leaked. One open report carries
markers too: a scan that finds those proves it can see text at all.

Uniquely named (not ``conftest``) so other test folders' helpers cannot shadow it.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.web.users import hash_password, hash_token

ROOT = Path(__file__).resolve().parents[2]

#: How each report is made exempt ("open" is not: the control).
WAYS = ("flag", "appendix", "item")
ROLES_DENIED = ("public", "manager")
PASSWORDS = {"public": "pw-public-1", "manager": "pw-manager-1", "member": "pw-member-1"}
TOKENS = {role: f"rg_sec_{role}_token" for role in PASSWORDS}

FIELDS = (
    "title",
    "author",
    "authorrole",
    "officer",
    "director",
    "recommendation",
    "appendix",
    "background",
    "summary",
    "snippet",
    "mdtable",
    "inline",
    "caption",
    "signoff",
)


def marker(way: str, field: str) -> str:
    """A word no template or data file contains: e.g. ZqflagXtitleQz."""
    return f"Zq{way}X{field}Qz"


def markers(way: str) -> list[str]:
    return [marker(way, f) for f in FIELDS]


EXEMPTION = {
    "flag": "exempt: {paragraph: 3}\n",
    "appendix": "",
    "item": "",
    "open": "",
}


def _spec(way: str, data: Path) -> str:
    def k(field: str) -> str:
        return marker(way, field)

    appendix_exempt = "{paragraph: 1}" if way == "appendix" else "false"
    return f"""template: committee-report
title: Report {k("title")}
period: 2017-01
data: {data}
narratives: ../narratives/{way}
status: final
authors:
  - {{name: {k("author")}, role: {k("authorrole")}}}
accountable_officers:
  - {{name: {k("officer")}}}
strategic_director: {{name: {k("director")}}}
{EXEMPTION[way]}recommendations:
  - The Panel is asked to note {k("recommendation")}.
appendices:
  - {{label: A, title: {k("appendix")}, exempt: {appendix_exempt}}}
background_papers:
  - {k("background")}
signoffs:
  - {{id: finance, role: Finance, name: {k("signoff")}, date: 2017-02-20}}
summary:
  - snippet: summary.md
sections:
  background:
    - snippet: background.md
  key_issues:
    - text: The key issue is {k("inline")}.
    - table: {{type: scorecard, indicators: [cla], caption: {k("caption")}}}
  risks:
    - text: No risks.
"""


def _narratives(folder: Path, way: str) -> None:
    folder.mkdir(parents=True)
    (folder / "summary.md").write_text(
        f"The summary is {marker(way, 'summary')}.\n", encoding="utf-8"
    )
    (folder / "background.md").write_text(
        f"Background: {marker(way, 'snippet')}.\n\n| Item | Note |\n|---|---|\n"
        f"| One | {marker(way, 'mdtable')} |\n",
        encoding="utf-8",
    )


MEETING = """committee: ZqmeetingXcommitteeQz
date: 2017-03-14
status: final
items:
  - report: ../reports/open.yaml
  - report: ../reports/flag.yaml
  - report: ../reports/appendix.yaml
  - report: ../reports/item.yaml
    exempt: {paragraph: 1}
"""


def write_project(root: Path) -> Path:
    """reports/{open,flag,appendix,item}.yaml, narratives, a meeting, users; real data."""
    data = ROOT / "data"
    (root / "reports").mkdir(parents=True)
    for way in ("open", *WAYS):
        _narratives(root / "narratives" / way, way)
        (root / "reports" / f"{way}.yaml").write_text(_spec(way, data), encoding="utf-8")
    (root / "meetings").mkdir()
    (root / "meetings" / "panel.yaml").write_text(MEETING, encoding="utf-8")
    users = ["roles:", "  public: {}", "  manager: {}", "  member: {exempt: true}", "users:"]
    for role, password in PASSWORDS.items():
        users += [
            f"  - {{username: {role}, role: {role}, "
            f'password: "{hash_password(password)}", '
            f'tokens: ["{hash_token(TOKENS[role])}"]}}'
        ]
    (root / "config").mkdir()
    (root / "config" / "users.yaml").write_text("\n".join(users) + "\n", encoding="utf-8")
    return root
