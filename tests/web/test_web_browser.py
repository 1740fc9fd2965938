"""End to end in a real browser: Debian's chromium driven by Playwright.

Starts ``reportgen serve`` (the real command, uvicorn, worker processes, the example
project and its demo users) on a free port, signs in as a manager, asks for the
corporate parenting report for December 2016, waits on the job page (JavaScript polling)
and downloads the PDF; then, with JavaScript off, asks for the Word version and waits
on the page's own refresh. No browser is downloaded: Playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from system_tools import need

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Children in Care and Care Leavers Performance Report"
# Root in a container (CI): no sandbox, and a small /dev/shm must not crash the renderer.
BROWSER_ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    cache = tmp_path_factory.mktemp("browser-cache")
    log = (cache / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from reportgen.cli import app; app()",
            "serve",
            "--port",
            str(port),
            "--cache",
            str(cache),
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    pytest.fail(
                        "reportgen serve did not start:\n" + (cache / "server.log").read_text()
                    )
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def sign_in(page: Page, url: str) -> None:
    page.goto(url + "/")
    expect(page).to_have_url(f"{url}/sign-in?next=/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill("demo-manager")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get a performance report")


def test_a_manager_gets_a_pdf_in_the_browser(server: str, tmp_path: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=need("chromium"), args=BROWSER_ARGS)
        try:
            page = browser.new_page(accept_downloads=True)
            sign_in(page, server)
            # The exempt report is not offered to a manager.
            expect(page.get_by_text("Residential Placements Framework")).to_have_count(0)
            page.get_by_role("link", name=TITLE).click()
            page.get_by_label("Month").select_option("2016-12")
            page.get_by_role("button", name="Show key figures").click()
            expect(page.get_by_role("table")).to_contain_text("Key figures: December 2016")
            page.get_by_role("button", name="Get PDF").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Making your document", timeout=10_000
            )
            expect(page.get_by_role("status")).not_to_be_empty()
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Your document is ready", timeout=240_000
            )
            with page.expect_download() as info:
                page.get_by_role("link", name="Download PDF").click()
            pdf = tmp_path / info.value.suggested_filename
            info.value.save_as(pdf)
            # "Your documents" lists it for when the manager comes back.
            page.get_by_role("link", name="Your documents").first.click()
            expect(page.get_by_role("table")).to_contain_text(TITLE)
        finally:
            browser.close()
    assert pdf.name == "2016-12-children-in-care-and-care-leavers-performance-report.pdf"
    with pikepdf.open(pdf) as document:
        assert len(document.pages) > 1
    text = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert TITLE in " ".join(text.split())
    assert "December 2016" in text


def test_without_javascript_the_job_page_refreshes_itself(server: str, tmp_path: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=need("chromium"), args=BROWSER_ARGS)
        try:
            context = browser.new_context(java_script_enabled=False, accept_downloads=True)
            page = context.new_page()
            sign_in(page, server)
            page.goto(f"{server}/reports/corporate-parenting?period=2016-11")
            page.get_by_role("button", name="Get Word (DOCX)").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Your document is ready", timeout=240_000
            )
            with page.expect_download() as info:
                page.get_by_role("link", name="Download Word (DOCX)").click()
            docx = tmp_path / info.value.suggested_filename
            info.value.save_as(docx)
        finally:
            browser.close()
    assert docx.suffix == ".docx" and docx.read_bytes()[:2] == b"PK"
