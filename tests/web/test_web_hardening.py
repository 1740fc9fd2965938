"""Issue 14's findings about the web service, one test each: sessions end on sign-out,
sign-in is throttled and audited, bodies/fields/queues/audit lines are bounded, job lists
are paged, documents are never cached, cache files are private, /docs loads nothing from
elsewhere, and cache keys and the catalogue are worked out once per change."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from web_helpers import PASSWORDS, Builders, bearer, wait_done

from reportgen.web.security import Throttle


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def _try_sign_in(client, username: str, password: str):
    token = _csrf(client.get("/sign-in").text)
    return client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf": token, "next": "/"},
        follow_redirects=False,
    )


def test_sign_out_revokes_the_session_on_the_server(make_client):
    client = make_client()
    assert _try_sign_in(client, "manager", PASSWORDS["manager"]).status_code == 303
    stolen = dict(client.cookies)  # what someone copying the cookie would hold
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 200
    client.post("/sign-out", data={"csrf": _csrf(home.text)}, follow_redirects=False)
    client.cookies.clear()
    for name, value in stolen.items():
        client.cookies.set(name, value)
    replay = client.get("/", follow_redirects=False)
    assert replay.status_code == 303 and "/sign-in" in replay.headers["location"]


def test_sign_in_is_throttled_per_account_with_backoff_and_failures_are_audited(make_client):
    client = make_client()
    for _ in range(5):
        assert _try_sign_in(client, "member", "guess").status_code == 401
    blocked = _try_sign_in(client, "member", PASSWORDS["member"])  # even the right password
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1
    entries = client.app.state.services.audit.entries()
    failed = [e for e in entries if e["action"] == "sign-in failed"]
    assert len(failed) == 5
    assert {e["username"] for e in failed} == {"member"}
    assert {e["address"] for e in failed} == {"testclient"}
    assert any(e["action"] == "sign-in refused" for e in entries)


def test_sign_in_is_throttled_per_address_across_accounts(make_client):
    client = make_client()
    for n in range(5):
        _try_sign_in(client, f"nobody{n}", "guess")
    assert _try_sign_in(client, "analyst", PASSWORDS["analyst"]).status_code == 429


def test_throttle_backoff_doubles_and_is_forgotten():
    now = [1000.0]
    throttle = Throttle(free=2, base=2.0, cap=60.0, forget=600.0, clock=lambda: now[0])
    throttle.failed("k")
    throttle.failed("k")
    assert throttle.wait("k") == 2.0
    throttle.failed("k")
    assert throttle.wait("k") == 4.0
    now[0] += 4.0
    assert throttle.wait("k") == 0.0
    for _ in range(20):
        throttle.failed("k")
    assert throttle.wait("k") == 60.0  # capped
    now[0] += 601
    assert throttle.wait("k") == 0.0


def test_a_large_body_is_refused_before_any_route_reads_it(make_client):
    client = make_client()
    big = json.dumps({"report": "scorecard", "area": "x" * 200_000})
    declared = client.post(
        "/api/reports",
        content=big,
        headers={**bearer("manager"), "Content-Type": "application/json"},
    )
    assert declared.status_code == 413

    def chunks():
        for _ in range(40):
            yield b"x" * 4096

    streamed = client.post(
        "/api/reports",
        content=chunks(),
        headers={**bearer("manager"), "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413


def test_long_fields_are_refused_and_never_echoed_or_logged_in_full(make_client):
    client = make_client()
    long = "Q" * 5000
    too_long = client.post(
        "/api/reports", headers=bearer("manager"), json={"report": long, "format": "pdf"}
    )
    assert too_long.status_code == 422
    assert long not in too_long.text and len(too_long.text) < 2000
    page = client.get(f"/api/jobs/{'J' * 3000}", headers=bearer("manager"))
    assert page.status_code == 404 and "J" * 200 not in page.text
    refused = _try_sign_in(client, "U" * 3000, "guess")
    assert refused.status_code == 401 and "U" * 200 not in refused.text
    client.app.state.services.audit.record(
        None, "request", "api", reason="A" * 100_000, report="B" * 5000
    )
    unknown = client.post(
        "/api/reports", headers=bearer("manager"), json={"report": "R" * 190, "period": "2017-01"}
    )
    assert unknown.status_code == 404 and "R" * 100 not in unknown.text
    audit = client.app.state.services.audit.path.read_text(encoding="utf-8")
    assert all(len(line.encode()) <= 2048 for line in audit.splitlines())
    assert "A" * 300 not in audit and "B" * 300 not in audit


def test_queued_jobs_per_user_are_limited(make_client):
    builders = Builders()
    builders.release.clear()  # every build waits: the jobs stay queued
    client = make_client(builders.ok, workers=1, max_jobs_per_user=3)
    periods = ["2016-09", "2016-10", "2016-11", "2016-12"]
    answers = [
        client.post(
            "/api/reports", headers=bearer("manager"), json={"report": "scorecard", "period": p}
        )
        for p in periods
    ]
    assert [a.status_code for a in answers] == [202, 202, 202, 429]
    other = client.post(
        "/api/reports", headers=bearer("member"), json={"report": "scorecard", "period": "2016-08"}
    )
    assert other.status_code == 202  # another person is not held up by the first
    builders.release.set()


def test_job_list_is_paged(make_client):
    client = make_client()
    ids = [
        client.post(
            "/api/reports", headers=bearer("manager"), json={"report": "scorecard", "period": p}
        ).json()["id"]
        for p in ("2016-10", "2016-11", "2016-12")
    ]
    first = client.get("/api/jobs?limit=2", headers=bearer("manager"))
    assert len(first.json()) == 2 and first.headers["X-Total-Count"] == "3"
    assert 'rel="next"' in first.headers["Link"]
    rest = client.get("/api/jobs?limit=2&offset=2", headers=bearer("manager"))
    assert len(rest.json()) == 1 and "Link" not in rest.headers
    assert {j["id"] for j in first.json() + rest.json()} == set(ids)
    assert client.get("/api/jobs?limit=100000", headers=bearer("manager")).status_code == 422


def test_documents_are_never_cached_and_cache_files_are_private(make_client, project: Path):
    client = make_client()
    job = client.post(
        "/api/reports", headers=bearer("member"), json={"report": "contract-award", "format": "pdf"}
    ).json()
    wait_done(client, job["id"], "member")
    download = client.get(f"/api/jobs/{job['id']}/download", headers=bearer("member"))
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "no-store"
    assert (
        client.get("/api/catalogue", headers=bearer("member")).headers["Cache-Control"]
        == "no-store"
    )
    cache = project / "output" / "web"
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files)
    loose = {
        str(p.relative_to(cache)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in files
        if stat.S_IMODE(p.stat().st_mode) & 0o077
    }
    assert loose == {}
    folders = [cache, *(p for p in cache.rglob("*") if p.is_dir())]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in folders)


def test_api_docs_load_nothing_from_elsewhere(make_client):
    client = make_client()
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "POST /api/reports" in docs.text and "ReportRequest" in docs.text
    assert not re.search(r'(src|href)="(https?:)?//', docs.text)
    assert "script-src 'self'" in docs.headers["Content-Security-Policy"]
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_cache_keys_and_catalogue_are_worked_out_once_per_change(make_client, project: Path):
    client = make_client()
    services = client.app.state.services
    body = {"report": "scorecard", "period": "2016-11", "format": "pdf"}
    first = [
        client.post("/api/reports", headers=bearer("manager"), json=body).json() for _ in range(20)
    ]
    assert services.keys.computed == 1
    reloads = services.catalogue.reloads
    for _ in range(10):
        client.get("/api/catalogue", headers=bearer("manager"))
    assert services.catalogue.reloads == reloads
    snippet = project / "narratives" / "summary.md"
    snippet.write_text("Summary, corrected.\n", encoding="utf-8")
    os.utime(snippet, ns=(snippet.stat().st_atime_ns, snippet.stat().st_mtime_ns + 10**9))
    again = client.post("/api/reports", headers=bearer("manager"), json=body).json()
    assert services.keys.computed == 2
    assert again["id"] != first[0]["id"] and not again["cached"]
    spec = project / "reports" / "scorecard.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("Scorecard", "Scorecard v2"), encoding="utf-8"
    )
    os.utime(spec, ns=(spec.stat().st_atime_ns, spec.stat().st_mtime_ns + 10**9))
    titles = [e["title"] for e in client.get("/api/catalogue", headers=bearer("manager")).json()]
    assert "Corporate Parenting Scorecard v2" in titles
    assert services.catalogue.reloads == reloads + 1
