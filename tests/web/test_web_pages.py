"""The HTML pages on a fake project: sign in, choose, preview, request, wait, download."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from web_helpers import PASSWORDS, Builders, wait_done


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client, role: str) -> None:
    form = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"username": role, "password": PASSWORDS[role], "csrf": csrf(form.text), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


class Labels(HTMLParser):
    """Collects ids of form controls and the ``for`` of labels, to check every control
    has a label, and notes the skip link and the main landmark."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labels: set[str] = set()
        self.skip_link = self.main = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append(a.get("id") or "(no id)")
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"] or "")
        if tag == "a" and a.get("href") == "#main-content":
            self.skip_link = True
        if tag == "main" and a.get("id") == "main-content":
            self.main = True


def check_accessible_basics(html: str) -> None:
    parser = Labels()
    parser.feed(html)
    assert parser.skip_link and parser.main
    assert set(parser.controls) <= parser.labels, (parser.controls, parser.labels)
    assert '<html lang="en-GB">' in html


def test_signed_out_visitors_are_sent_to_sign_in_and_back(make_client):
    client = make_client()
    response = client.get("/reports/scorecard?period=2016-11", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=/reports/scorecard%3Fperiod%3D2016-11"
    page = client.get(response.headers["location"])
    check_accessible_basics(page.text)
    assert 'name="next" value="/reports/scorecard?period=2016-11"' in page.text


def test_sign_in_errors_are_explained_and_never_redirect_off_site(make_client):
    client = make_client()
    token = csrf(client.get("/sign-in").text)
    wrong = client.post("/sign-in", data={"username": "manager", "password": "nope", "csrf": token})
    assert wrong.status_code == 401
    assert "There is a problem" in wrong.text
    assert "The username or password is not right" in wrong.text
    assert "<title>Error: Sign in" in wrong.text
    stale = client.post(
        "/sign-in", data={"username": "manager", "password": "pw-manager", "csrf": "forged"}
    )
    assert stale.status_code == 401 and "expired" in stale.text
    away = client.post(
        "/sign-in",
        data={
            "username": "manager",
            "password": "pw-manager",
            "csrf": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert away.status_code == 303 and away.headers["location"] == "/"


def test_catalogue_page_shows_what_the_role_may_see(make_client):
    client = make_client()
    sign_in(client, "manager")
    home = client.get("/")
    assert home.status_code == 200
    check_accessible_basics(home.text)
    assert "Corporate Parenting Scorecard" in home.text
    assert "Secret Contract Award" not in home.text
    assert "Signed in as <strong>Test Manager</strong>" in home.text
    assert client.get("/reports/contract-award").status_code == 404
    member = make_client()
    sign_in(member, "member")
    page = member.get("/")
    assert "Secret Contract Award" in page.text and "Exempt: not for publication" in page.text
    assert "broken" not in page.text  # only analysts see broken specs
    analyst = make_client()
    sign_in(analyst, "analyst")
    assert "Not available at the moment" in analyst.get("/").text


def test_report_page_previews_key_figures_for_the_chosen_month_and_area(make_client):
    client = make_client()
    sign_in(client, "manager")
    page = client.get("/reports/scorecard?period=2016-11&area=North")
    assert page.status_code == 200
    check_accessible_basics(page.text)
    assert "Key figures: November 2016, North" in page.text
    assert '<option value="2016-11" selected>November 2016</option>' in page.text
    assert "71.1 per 10,000" in page.text and "65.0 per 10,000" in page.text
    assert '<strong class="tag tag--red">Red</strong>' in page.text
    assert "Improving" in page.text and "(was 69.0 per 10,000)" in page.text
    # "Show key figures" posts back and is redirected to the GET page (no CSRF needed).
    moved = client.post(
        "/reports/scorecard",
        data={"action": "preview", "period": "2016-12", "area": "South"},
        follow_redirects=False,
    )
    assert moved.headers["location"] == "/reports/scorecard?period=2016-12&area=South"
    bad = client.get("/reports/scorecard?period=2030-01")
    assert bad.status_code == 400
    assert "There is a problem" in bad.text and "no data for the period" in bad.text
    assert 'href="#period"' in bad.text


def test_request_wait_and_download_without_javascript(make_client, project):
    builders = Builders()
    builders.release.clear()
    client = make_client(builders.ok)
    sign_in(client, "manager")
    page = client.get("/reports/scorecard")
    posted = client.post(
        "/reports/scorecard",
        data={"action": "pdf", "period": "2016-10", "area": "South", "csrf": csrf(page.text)},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    job_url = posted.headers["location"]
    waiting = client.get(job_url)
    assert waiting.status_code == 200
    assert "Making your document" in waiting.text
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in waiting.text
    assert '<progress id="build-progress" max="100"' in waiting.text
    assert 'role="status"' in waiting.text
    progress = client.get(job_url + "/progress").json()
    assert progress["status"] in ("queued", "running")
    builders.release.set()
    wait_done(client, job_url.rsplit("/", 1)[1], "manager")
    ready = client.get(job_url)
    assert "Your document is ready" in ready.text and "refresh" not in ready.text
    assert "3 pages" in ready.text
    documents = client.get("/documents")
    assert "Corporate Parenting Scorecard" in documents.text and "Ready" in documents.text
    download = client.get(job_url + "/download")
    assert download.status_code == 200
    assert download.content == b"%FAKE scorecard 2016-10 South pdf"
    entries = [
        json.loads(line)
        for line in (project / "output" / "web" / "audit.jsonl").read_text().splitlines()
    ]
    assert [(e["action"], e["via"], e["user"]) for e in entries] == [
        ("sign-in", "web", "manager"),
        ("request", "web", "manager"),
        ("download", "web", "manager"),
    ]
    entries = entries[1:]
    assert entries[0]["area"] == "South" and entries[0]["time"].endswith("+00:00")


def test_a_form_without_its_csrf_token_is_refused(make_client):
    builders = Builders()
    client = make_client(builders.ok)
    sign_in(client, "manager")
    response = client.post("/reports/scorecard", data={"action": "pdf", "csrf": "forged"})
    assert response.status_code == 400 and not builders.calls


def test_a_failed_build_page_is_a_500_with_the_reference(make_client):
    client = make_client(Builders().failing)
    sign_in(client, "manager")
    token = csrf(client.get("/reports/scorecard").text)
    posted = client.post(
        "/reports/scorecard", data={"action": "docx", "csrf": token}, follow_redirects=False
    )
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    failed = wait_done(client, job_id, "manager")
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 500
    assert failed["reference"] and failed["reference"] in page.text
    assert "ZeroDivisionError" not in page.text  # managers see the reference only
    assert client.get("/").status_code == 200


def test_pages_send_security_headers(make_client):
    client = make_client()
    page = client.get("/sign-in")
    assert page.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "reportgen_session" in page.headers["set-cookie"]
    assert "httponly" in page.headers["set-cookie"].lower()


def test_the_readme_documents_every_api_route_and_serve_option(make_client):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Web service") :]
    schema = make_client().get("/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}" in section, f"{method.upper()} {path}"
    for option in ("--host", "--port", "--config", "--project", "--workers", "--cache"):
        assert option in section, option
