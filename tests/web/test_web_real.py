"""The API on the real example project and the real engine, in worker processes.

One session's builds are shared by the tests here: the PDF and the Word version of the
corporate parenting report, built at once by the two workers, then asked for again.
"""

from __future__ import annotations

import subprocess
import time
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from fastapi.testclient import TestClient
from web_helpers import wait_done

from reportgen.web import WebSettings, create_app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Children in Care and Care Leavers Performance Report"
ANALYST = {"Authorization": "Bearer rg_demo_analyst_token_not_secret"}
MANAGER = {"Authorization": "Bearer rg_demo_manager_token_not_secret"}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    cache = tmp_path_factory.mktemp("web-cache")
    settings = WebSettings.for_project(ROOT, cache_dir=cache, workers=2, executor="process")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        started = time.monotonic()
        jobs = {
            fmt: client.post(
                "/api/reports",
                headers=MANAGER,
                json={"report": "corporate-parenting", "period": "2017-01", "format": fmt},
            ).json()
            for fmt in ("pdf", "docx")
        }
        done = {
            fmt: wait_done(client, job["id"], MANAGER, timeout=300) for fmt, job in jobs.items()
        }
        yield {
            "client": client,
            "jobs": done,
            "cache": cache,
            "seconds": time.monotonic() - started,
        }


def test_the_real_report_is_built_as_pdf(real, tmp_path):
    job = real["jobs"]["pdf"]
    assert job["status"] == "done", job
    response = real["client"].get(job["download"], headers=MANAGER)
    assert response.status_code == 200
    pdf = tmp_path / job["filename"]
    pdf.write_bytes(response.content)
    assert job["filename"] == "2017-01-children-in-care-and-care-leavers-performance-report.pdf"
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) == job["pages"] > 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert TITLE in " ".join(text.split())
    assert "January 2017" in text


def test_the_real_report_is_built_as_docx(real):
    job = real["jobs"]["docx"]
    assert job["status"] == "done", job
    response = real["client"].get(job["download"], headers=MANAGER)
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    with zipfile.ZipFile(BytesIO(response.content)) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert "Performance Report" in xml and "January 2017" in xml


def test_the_same_request_again_is_served_from_the_cache(real):
    client = real["client"]
    started = time.monotonic()
    again = client.post(
        "/api/reports",
        headers=ANALYST,
        json={"report": "corporate-parenting", "period": "2017-01", "format": "pdf"},
    ).json()
    elapsed = time.monotonic() - started
    assert again["status"] == "done" and again["cached"] is True
    assert elapsed < real["seconds"] / 2  # no build: far quicker than the first time
    assert client.app.state.services.jobs.builds_started == 2  # type: ignore[attr-defined]


def test_real_preview_and_catalogue(real):
    client = real["client"]
    catalogue = {e["id"]: e for e in client.get("/api/catalogue", headers=MANAGER).json()}
    assert "corporate-parenting" in catalogue
    assert "placement-commissioning" not in catalogue  # exempt: hidden from managers
    member_view = client.get("/api/catalogue", headers=ANALYST).json()
    assert "placement-commissioning" in {e["id"] for e in member_view}
    entry = catalogue["corporate-parenting"]
    assert "2017-01" in entry["periods"] and len(entry["areas"]) > 1
    figures = client.get(
        "/api/reports/corporate-parenting/preview?period=2017-01", headers=MANAGER
    ).json()
    assert figures and all(f["value"] for f in figures)
    assert {f["rating_word"] for f in figures} <= {"Red", "Amber", "Green", "Blue", "Not rated"}
    assert any(f["target"] for f in figures)
    no_data = client.post(
        "/api/reports",
        headers=MANAGER,
        json={"report": "corporate-parenting", "period": "1999-01", "format": "pdf"},
    )
    assert no_data.status_code == 422 and "no data" in no_data.json()["error"]
