"""Exempt (Schedule 12A) material reaches no public surface, whichever way it was made
exempt: the report spec's own ``exempt``, an exempt appendix, or a meeting item.

One real project (real data, real composition, a real public agenda pack) is built once
per session. Every field of each exempt report carries a unique marker; the test scans
the public pack (every object and stream decompressed by qpdf, the text poppler
extracts, the structure tree), its manifest and its Word agenda, and every page and API
response the service gives the ``public`` and ``manager`` roles: catalogue, preview,
job create, status, progress, download, job lists, error pages and their audit lines.
An open report's markers and the member role's catalogue prove each scan can see.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from exempt_project import (
    PASSWORDS,
    ROLES_DENIED,
    TOKENS,
    WAYS,
    marker,
    markers,
    write_project,
)
from fastapi.testclient import TestClient

from reportgen.web import WebSettings, create_app
from reportgen.web.builder import BuildOutcome, BuildTask

EXEMPT_MARKERS = [m for way in WAYS for m in markers(way)]
LEAK = re.compile(r"Zq(?:flag|appendix|item)X[a-z]+Qz")


def _leaks(text: str) -> list[str]:
    return sorted(set(LEAK.findall(text)))


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("exempt") / "project")


@pytest.fixture(scope="session")
def public_pack(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from reportgen.pack import build_packs

    out = tmp_path_factory.mktemp("pack")
    result = build_packs(project / "meetings" / "panel.yaml", out, ("public",))
    return result.outputs["panel-public"]


def _encodings(phrase: str) -> list[bytes]:
    raw = [phrase.encode("utf-8"), phrase.encode("utf-16-be")]
    return [*raw, *(r.hex().encode() for r in raw), *(r.hex().upper().encode() for r in raw)]


def _pdf_readings(pdf: Path, tmp: Path) -> tuple[bytes, str]:
    qdf = tmp / "public.qdf.pdf"
    subprocess.run(
        [
            "qpdf",
            "--qdf",
            "--object-streams=disable",
            "--stream-data=uncompress",
            "--decode-level=all",
            str(pdf),
            str(qdf),
        ],
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    tree = subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, check=True
    ).stdout.decode()
    return qdf.read_bytes(), " ".join((text + tree).split())


def test_public_pack_pdf_holds_no_exempt_marker(
    public_pack: dict[str, Path], tmp_path: Path
) -> None:
    raw, text = _pdf_readings(public_pack["pdf"], tmp_path)
    assert marker("open", "snippet") in text  # the scan sees text
    assert "Zqmeeting" in text
    assert _leaks(text) == []
    found = [m for m in EXEMPT_MARKERS if any(e in raw for e in _encodings(m))]
    assert found == []


def test_public_manifest_holds_no_exempt_marker(public_pack: dict[str, Path]) -> None:
    text = public_pack["json"].read_text(encoding="utf-8")
    assert marker("open", "title") in text
    assert _leaks(text) == []
    items = json.loads(text)["items"]
    assert [i["exempt_paragraph"] for i in items] == [None, 3, 1, 1]


def test_public_word_agenda_holds_no_exempt_marker(public_pack: dict[str, Path]) -> None:
    with zipfile.ZipFile(public_pack["docx"]) as docx:
        text = "".join(
            docx.read(n).decode("utf-8", "replace")
            for n in docx.namelist()
            if n.endswith((".xml", ".rels"))
        )
    assert marker("open", "title") in text
    assert _leaks(text) == []


# -- the web service --------------------------------------------------------------------
def _fake_build(task: BuildTask) -> BuildOutcome:
    """Writes the report's markers into the 'document', so a download would leak them."""
    way = task.spec_path.stem
    task.target.write_bytes(" ".join(markers(way)).encode())
    return BuildOutcome(filename=f"{way}.{task.format}", pages=1)


@pytest.fixture(scope="module")
def client(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    cache = tmp_path_factory.mktemp("webcache")
    settings = WebSettings.for_project(project, executor="thread", cache_dir=cache)
    with TestClient(create_app(settings, _fake_build), raise_server_exceptions=False) as c:
        yield c


def _api(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"}


def _member_jobs(client: TestClient) -> dict[str, str]:
    """Jobs a member made for every exempt report (ids someone might guess or be sent)."""
    jobs = {}
    for way in WAYS:
        made = client.post(
            "/api/reports", headers=_api("member"), json={"report": way, "format": "pdf"}
        )
        assert made.status_code == 202, made.text
        jobs[way] = made.json()["id"]
    return jobs


def test_member_sees_every_exempt_report(client: TestClient) -> None:
    """The control: the markers are there to be leaked."""
    titles = " ".join(
        e["title"] for e in client.get("/api/catalogue", headers=_api("member")).json()
    )
    for way in WAYS:
        assert marker(way, "title") in titles


def _api_surfaces(client: TestClient, role: str, jobs: dict[str, str]) -> list[Any]:
    h = _api(role)
    responses = [
        client.get("/api/catalogue", headers=h),
        client.get("/api/jobs", headers=h),
        client.get("/openapi.json", headers=h),
    ]
    for way in WAYS:
        responses += [
            client.get(f"/api/reports/{way}/preview", headers=h),
            client.post("/api/reports", headers=h, json={"report": way, "format": "pdf"}),
            client.post("/api/reports", headers=h, json={"report": way, "format": "docx"}),
            client.get(f"/api/jobs/{jobs[way]}", headers=h),
            client.get(f"/api/jobs/{jobs[way]}/download", headers=h),
        ]
    return responses


def _page_surfaces(client: TestClient, role: str, jobs: dict[str, str]) -> list[Any]:
    client.cookies.clear()
    sign_in = client.get("/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', sign_in.text)
    assert csrf, "no CSRF field on the sign-in form"
    client.post(
        "/sign-in",
        data={"username": role, "password": PASSWORDS[role], "csrf": csrf.group(1), "next": "/"},
    )
    home = client.get("/")
    assert "Sign out" in home.text or "sign-out" in home.text, "not signed in"
    token = re.search(r'name="csrf" value="([^"]+)"', home.text)
    responses = [home, client.get("/documents")]
    for way in WAYS:
        responses += [
            client.get(f"/reports/{way}"),
            client.get(f"/reports/{way}?period=2016-12"),
            client.post(
                f"/reports/{way}", data={"action": "pdf", "csrf": token.group(1) if token else ""}
            ),
            client.get(f"/jobs/{jobs[way]}"),
            client.get(f"/jobs/{jobs[way]}/progress"),
            client.get(f"/jobs/{jobs[way]}/download"),
        ]
    client.cookies.clear()
    return responses


@pytest.mark.parametrize("role", ROLES_DENIED)
def test_no_web_response_to_a_denied_role_holds_exempt_material(
    client: TestClient, role: str
) -> None:
    jobs = _member_jobs(client)
    responses = _api_surfaces(client, role, jobs) + _page_surfaces(client, role, jobs)
    open_seen = any(marker("open", "title") in r.text for r in responses)
    assert open_seen, "the scan never saw the open report: it would see no leak either"
    leaked = {
        f"{r.request.method} {r.request.url.path} {r.status_code}": _leaks(r.text)
        for r in responses
        if _leaks(r.text)
    }
    assert leaked == {}
    audit = client.app.state.services.audit.entries()  # type: ignore[attr-defined]
    theirs = json.dumps([e for e in audit if e.get("user") == role])
    assert _leaks(theirs) == []


def test_a_manager_job_stops_working_when_its_report_becomes_exempt(
    project: Path, tmp_path: Path
) -> None:
    """Asked for while open; then a meeting item declares it exempt: status and download
    are refused (404, as if it never was) and the job leaves the manager's lists."""
    settings = WebSettings.for_project(project, executor="thread", cache_dir=tmp_path)
    with TestClient(create_app(settings, _fake_build), raise_server_exceptions=False) as c:
        made = c.post(
            "/api/reports", headers=_api("manager"), json={"report": "open", "format": "pdf"}
        ).json()
        c.app.state.services.jobs.wait(made["id"], 10)  # type: ignore[attr-defined]
        meeting = project / "meetings" / "later.yaml"
        meeting.write_text(
            "committee: Panel\ndate: 2017-04-01\nitems:\n"
            "  - report: ../reports/open.yaml\n    exempt: {paragraph: 2}\n",
            encoding="utf-8",
        )
        try:
            status = c.get(f"/api/jobs/{made['id']}", headers=_api("manager"))
            download = c.get(f"/api/jobs/{made['id']}/download", headers=_api("manager"))
            listed = c.get("/api/jobs", headers=_api("manager")).json()
        finally:
            meeting.unlink()
    assert status.status_code == 404
    assert download.status_code == 404
    listed_items = listed["jobs"] if isinstance(listed, dict) else listed
    assert made["id"] not in [j["id"] for j in listed_items]


def test_public_pack_downloaded_from_the_service_holds_no_exempt_marker(
    project: Path, tmp_path: Path
) -> None:
    """The real builder (through reportgen.api) makes the public pack a manager downloads."""
    from reportgen.web.builder import build_document

    settings = WebSettings.for_project(project, executor="thread", cache_dir=tmp_path / "c")
    with TestClient(create_app(settings, build_document), raise_server_exceptions=False) as c:
        made = c.post(
            "/api/reports",
            headers=_api("manager"),
            json={"report": "panel-pack-public", "format": "pdf"},
        )
        assert made.status_code == 202, made.text
        job = c.app.state.services.jobs.wait(made.json()["id"], 120)  # type: ignore[attr-defined]
        assert job is not None and job.status == "done", job
        pdf = c.get(f"/api/jobs/{job.id}/download", headers=_api("manager"))
        full = c.post(
            "/api/reports",
            headers=_api("manager"),
            json={"report": "panel-pack-full", "format": "pdf"},
        )
    assert pdf.status_code == 200 and pdf.headers["Cache-Control"] == "no-store"
    assert full.status_code == 404
    path = tmp_path / "downloaded.pdf"
    path.write_bytes(pdf.content)
    raw, text = _pdf_readings(path, tmp_path)
    assert marker("open", "title") in text
    assert _leaks(text) == []
    assert [m for m in EXEMPT_MARKERS if any(e in raw for e in _encodings(m))] == []


def test_a_pack_hears_what_another_meeting_declares(tmp_path: Path) -> None:
    """Exempt anywhere is exempt everywhere: the web hides a report another meeting
    declares exempt, so this meeting's public pack must withhold it too."""
    from reportgen.pack.items import resolve_item
    from reportgen.pack.spec import load_meeting

    root = write_project(tmp_path / "project")
    (root / "meetings" / "other.yaml").write_text(
        "committee: Other\ndate: 2017-04-01\nitems:\n"
        "  - report: ../reports/open.yaml\n    exempt: {paragraph: 2}\n",
        encoding="utf-8",
    )
    panel = root / "meetings" / "panel.yaml"
    item = resolve_item(panel, 1, load_meeting(panel).items[0], late=False)
    assert item.exempt is not None and item.exempt.paragraph == 2
    assert item.withheld(public=True)
    assert marker("open", "title") not in item.public_title
