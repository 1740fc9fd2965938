"""The JSON API on a fake project: auth, roles, exempt hiding, 4xx, 500, cache, audit."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from web_helpers import Builders, bearer, wait_done

REQUEST = {"report": "scorecard", "period": "2016-11", "format": "pdf"}


def audit(project: Path) -> list[dict[str, object]]:
    path = project / "output" / "web" / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_api_needs_a_known_token(make_client):
    client = make_client()
    missing = client.get("/api/catalogue")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in missing.json()["hint"]
    wrong = client.get("/api/catalogue", headers={"Authorization": "Bearer rg_nope"})
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "the API token is not recognised"
    assert client.post("/api/reports", json=REQUEST).status_code == 401


def test_catalogue_hides_exempt_reports_from_roles_without_exempt_access(make_client):
    client = make_client()
    seen = {
        role: {
            e["id"]: e
            for e in client.get("/api/catalogue", headers=bearer(role)).json()
            if e["kind"] == "report"
        }
        for role in ("public", "manager", "member", "analyst")
    }
    assert set(seen["public"]) == set(seen["manager"]) == {"scorecard"}
    assert set(seen["member"]) == {"scorecard", "contract-award"}
    assert seen["member"]["contract-award"]["exempt"] is True
    # A broken spec is listed (with the reason) only for a role that sees details.
    assert set(seen["analyst"]) == {"scorecard", "contract-award", "broken"}
    assert "not valid YAML" in seen["analyst"]["broken"]["error"]
    scorecard = seen["manager"]["scorecard"]
    assert scorecard["periods"][0] == "2016-04" and scorecard["default_period"] == "2017-01"
    assert scorecard["areas"] == ["Example Borough", "North", "South"]
    assert scorecard["formats"] == ["pdf", "docx"]


def test_exempt_report_is_unknown_to_a_manager_and_the_attempt_is_audited(make_client, project):
    client = make_client()
    body = {**REQUEST, "report": "contract-award"}
    refused = client.post("/api/reports", json=body, headers=bearer("manager"))
    assert refused.status_code == 404
    assert refused.json()["error"] == "unknown report 'contract-award'"
    assert "Secret" not in refused.text
    allowed = client.post("/api/reports", json=body, headers=bearer("member"))
    assert allowed.status_code == 202
    entries = audit(project)
    assert entries[0]["action"] == "refused" and entries[0]["user"] == "manager"
    assert entries[0]["report"] == "contract-award" and entries[0]["status"] == 404
    assert entries[1]["action"] == "request" and entries[1]["user"] == "member"


def test_bad_requests_get_a_clear_4xx(make_client):
    client = make_client()
    headers = bearer("manager")

    def post(body: object) -> tuple[int, dict[str, str]]:
        response = client.post("/api/reports", json=body, headers=headers)
        return response.status_code, response.json()

    assert post({**REQUEST, "report": "nope"})[0] == 404
    status, body = post({**REQUEST, "period": "2030-01"})
    assert status == 422 and body["field"] == "period"
    assert "no data for the period '2030-01'" in body["error"]
    assert "April 2016 to January 2017" in body["hint"]
    status, body = post({**REQUEST, "area": "Atlantis"})
    assert status == 422 and body["field"] == "area" and "North" in body["hint"]
    status, body = post({**REQUEST, "format": "odt"})
    assert status == 422 and body["field"] == "format"
    status, body = post({**REQUEST, "colour": "red"})
    assert status == 422 and body["field"] == "colour"
    status, body = post({"period": "2017-01"})
    assert status == 422 and body["field"] == "report"
    status, body = post({**REQUEST, "report": "broken"})  # analysts only: unknown here
    assert status == 404
    malformed = client.post(
        "/api/reports",
        content=b'{"report": "scorecard",',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert malformed.status_code == 400
    assert malformed.json()["error"].startswith("the request body is not valid JSON")
    assert client.get("/api/jobs/nope", headers=headers).status_code == 404


def test_a_request_builds_once_and_downloads(make_client, project):
    builders = Builders()
    client = make_client(builders.ok)
    created = client.post("/api/reports", json=REQUEST, headers=bearer("manager"))
    assert created.status_code == 202
    job = created.json()
    assert created.headers["location"] == f"/api/jobs/{job['id']}"
    done = wait_done(client, job["id"], "manager")
    assert done["status"] == "done" and done["cached"] is False
    assert done["filename"] == "2016-11-scorecard.pdf" and done["pages"] == 3
    assert done["download"] == f"/api/jobs/{job['id']}/download"
    file = client.get(done["download"], headers=bearer("manager"))
    assert file.status_code == 200
    assert file.headers["content-type"] == "application/pdf"
    assert 'filename="2016-11-scorecard.pdf"' in file.headers["content-disposition"]
    assert file.content == b"%FAKE scorecard 2016-11 None pdf"
    # Someone else's job is unknown to them.
    assert client.get(f"/api/jobs/{job['id']}", headers=bearer("member")).status_code == 404
    assert [e["action"] for e in audit(project)] == ["request", "download"]
    assert audit(project)[1]["file"] == "2016-11-scorecard.pdf"


def test_ten_identical_concurrent_requests_cost_one_build(make_client, project):
    builders = Builders(delay=0.3)
    builders.release.clear()  # hold the build until every request is in
    client = make_client(builders.ok)

    def ask(role: str) -> dict[str, object]:
        response = client.post("/api/reports", json=REQUEST, headers=bearer(role))
        assert response.status_code == 202
        return {"role": role, **response.json()}

    roles = ["manager", "member", "analyst", "public"] * 2 + ["manager", "member"]
    with ThreadPoolExecutor(10) as pool:
        jobs = list(pool.map(ask, roles))
    builders.release.set()
    finished = [wait_done(client, str(j["id"]), str(j["role"])) for j in jobs]
    assert len(builders.calls) == 1
    assert all(j["status"] == "done" for j in finished)
    # one job per person: asking again while it is being made gives the same job
    assert len({j["id"] for j in finished}) == 4
    assert len({j["id"] for j in jobs if j["role"] == "manager"}) == 1
    # Later identical requests are answered from the cache at once, without a build.
    again = client.post("/api/reports", json=REQUEST, headers=bearer("public")).json()
    assert again["status"] == "done" and again["cached"] is True
    assert len(builders.calls) == 1
    outcomes = [e.get("outcome") for e in audit(project) if e["action"] == "request"]
    assert outcomes == ["queued"] * 10 + ["cached"]
    # A different period, area or format is a different document.
    for change in ({"period": "2016-12"}, {"area": "North"}, {"format": "docx"}):
        other = client.post("/api/reports", json={**REQUEST, **change}, headers=bearer("manager"))
        wait_done(client, other.json()["id"], "manager")
    assert len(builders.calls) == 4
    assert {(t.period, t.area, t.format) for t in builders.calls[1:]} == {
        ("2016-12", None, "pdf"),
        ("2016-11", "North", "pdf"),
        ("2016-11", None, "docx"),
    }


def test_the_default_area_and_no_area_are_one_request(make_client):
    builders = Builders()
    client = make_client(builders.ok)
    first = client.post("/api/reports", json=REQUEST, headers=bearer("manager")).json()
    wait_done(client, first["id"], "manager")
    same = client.post(
        "/api/reports", json={**REQUEST, "area": "Example Borough"}, headers=bearer("manager")
    ).json()
    assert same["cached"] is True and len(builders.calls) == 1


def test_changed_input_content_means_a_new_build(make_client, project):
    builders = Builders()
    client = make_client(builders.ok)
    first = client.post("/api/reports", json=REQUEST, headers=bearer("manager")).json()
    wait_done(client, first["id"], "manager")
    values = project / "data" / "values.csv"
    values.write_text(values.read_text() + "cla,Example Borough,2016-11,482\n")
    second = client.post("/api/reports", json=REQUEST, headers=bearer("manager")).json()
    assert second["cached"] is False
    assert wait_done(client, second["id"], "manager")["status"] == "done"
    snippet = project / "narratives" / "summary.md"
    snippet.write_text("A corrected summary.\n")
    third = client.post("/api/reports", json=REQUEST, headers=bearer("manager")).json()
    assert third["cached"] is False
    wait_done(client, third["id"], "manager")
    assert len(builders.calls) == 3


def test_a_failed_build_is_a_500_with_a_reference_and_the_server_keeps_serving(
    make_client, project
):
    builders = Builders()
    client = make_client(builders.failing)
    job = client.post("/api/reports", json=REQUEST, headers=bearer("manager")).json()
    failed = wait_done(client, job["id"], "manager")
    assert failed["status"] == "failed"
    reference = failed["reference"]
    assert reference.startswith("RG-") and failed["error"] is None  # no details for managers
    download = client.get(f"/api/jobs/{job['id']}/download", headers=bearer("manager"))
    assert download.status_code == 500
    assert download.json()["reference"] == reference
    errors = (project / "output" / "web" / "errors.log").read_text()
    assert reference in errors and "Traceback" in errors
    assert "ZeroDivisionError: deliberate failure" in errors
    # An analyst sees the cause; failures are not cached, so asking again builds again.
    again = client.post("/api/reports", json=REQUEST, headers=bearer("analyst")).json()
    retried = wait_done(client, again["id"], "analyst")
    assert "ZeroDivisionError" in retried["error"] and len(builders.calls) == 2
    assert client.get("/api/catalogue", headers=bearer("manager")).status_code == 200


def test_an_unexpected_error_in_a_request_is_a_500_with_a_reference(
    make_client, project, monkeypatch
):
    client = make_client()
    services = client.app.state.services  # type: ignore[attr-defined]

    def explode(*args: object) -> object:
        raise RuntimeError("catalogue exploded")

    monkeypatch.setattr(services.catalogue, "for_user", explode)
    response = client.get("/api/catalogue", headers=bearer("manager"))
    assert response.status_code == 500
    reference = response.json()["reference"]
    assert "catalogue exploded" not in response.text
    assert reference in (project / "output" / "web" / "errors.log").read_text()
    monkeypatch.undo()
    assert client.get("/healthz").json() == {"status": "ok"}


def test_preview_gives_key_figures(make_client):
    client = make_client()
    response = client.get(
        "/api/reports/scorecard/preview?period=2016-11&area=North", headers=bearer("manager")
    )
    assert response.status_code == 200
    figures = {f["id"]: f for f in response.json()}
    assert figures["cla_rate"]["value"] == "71.1 per 10,000"
    assert figures["cla_rate"]["target"] == "65.0 per 10,000"
    assert figures["cla_rate"]["rating_word"] == "Red"
    assert figures["cla_rate"]["direction"] == "improving"
    assert figures["adoptions"]["value"] == "11" and figures["adoptions"]["target"] == ""
    bad = client.get("/api/reports/scorecard/preview?period=1999-01", headers=bearer("manager"))
    assert bad.status_code == 422


def test_jobs_survive_a_restart(make_client, project):
    first = make_client()
    job = first.post("/api/reports", json=REQUEST, headers=bearer("manager")).json()
    wait_done(first, job["id"], "manager")
    second = make_client()  # a new app on the same cache folder
    listed = second.get("/api/jobs", headers=bearer("manager")).json()
    assert [j["id"] for j in listed] == [job["id"]]
    assert (
        second.get(f"/api/jobs/{job['id']}/download", headers=bearer("manager")).status_code == 200
    )


def test_openapi_documents_the_api(make_client):
    client = make_client()
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/catalogue",
        "/api/reports",
        "/api/jobs",
        "/api/jobs/{job_id}",
        "/api/jobs/{job_id}/download",
        "/api/reports/{report}/preview",
    } <= paths
    assert "/sign-in" not in paths
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert client.get("/docs").status_code == 200


def test_agenda_packs_public_for_all_full_only_for_exempt_roles(make_client):
    builders = Builders()
    client = make_client(builders.ok)
    manager = {e["id"] for e in client.get("/api/catalogue", headers=bearer("manager")).json()}
    member = {e["id"] for e in client.get("/api/catalogue", headers=bearer("member")).json()}
    assert "panel-2017-03-pack-public" in manager and "panel-2017-03-pack-full" not in manager
    assert {"panel-2017-03-pack-public", "panel-2017-03-pack-full"} <= member
    full = {"report": "panel-2017-03-pack-full", "format": "pdf"}
    assert client.post("/api/reports", json=full, headers=bearer("manager")).status_code == 404
    job = client.post("/api/reports", json=full, headers=bearer("member")).json()
    assert wait_done(client, job["id"], "member")["status"] == "done"
    assert [(t.kind, t.variant) for t in builders.calls] == [("pack", "full")]
    word = client.post("/api/reports", json={**full, "format": "docx"}, headers=bearer("member"))
    assert word.status_code == 422 and word.json()["field"] == "format"


@pytest.mark.slow
def test_a_worker_process_that_dies_is_replaced(project):
    from fastapi.testclient import TestClient
    from web_helpers import dying_builder

    from reportgen.web import WebSettings, create_app

    settings = WebSettings.for_project(project, executor="process", workers=1)
    with TestClient(create_app(settings, dying_builder), raise_server_exceptions=False) as client:
        body = {**REQUEST, "period": "2016-05"}
        job = client.post("/api/reports", json=body, headers=bearer("manager")).json()
        died = wait_done(client, job["id"], "manager", timeout=120)
        assert died["status"] == "failed" and died["reference"].startswith("RG-")
        errors = (project / "output" / "web" / "errors.log").read_text()
        assert died["reference"] in errors and "BrokenProcessPool" in errors
        after = client.post(
            "/api/reports", json={**body, "period": "2016-06"}, headers=bearer("manager")
        ).json()
        assert wait_done(client, after["id"], "manager", timeout=120)["status"] == "done"


def test_a_report_with_an_unknown_template_is_a_clear_4xx(make_client, project):
    spec = project / "reports" / "scorecard.yaml"
    (project / "reports" / "odd.yaml").write_text(
        spec.read_text().replace("template: committee-report", "template: no-such-template")
    )
    client = make_client()
    body = {**REQUEST, "report": "odd"}
    assert client.post("/api/reports", json=body, headers=bearer("manager")).status_code == 404
    analyst = client.post("/api/reports", json=body, headers=bearer("analyst"))
    assert analyst.status_code == 409
    assert "unknown template 'no-such-template'" in analyst.json()["error"]
    assert "committee-report" in analyst.json()["error"]  # the hint names the real ones


def test_built_files_are_kept_in_folders_private_to_the_service(make_client, project):
    """Exempt reports are built into the cache: other local users must not read them,
    even though the atomic writer gives files ordinary umask permissions."""
    import stat

    client = make_client(Builders().ok)
    job = client.post("/api/reports", json=REQUEST, headers=bearer("manager")).json()
    assert wait_done(client, job["id"], "manager")["status"] == "done"
    cache = client.app.state.services.settings.cache_dir
    for folder in (cache, cache / "files", cache / "jobs", cache / "progress"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
