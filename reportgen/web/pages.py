"""Server-rendered pages: sign in, choose a report, preview its figures, download.

Plain HTML forms that work without JavaScript (a waiting job page refreshes itself
with a ``<noscript>`` meta refresh; with JavaScript it polls instead). Every form that
changes something carries a CSRF token tied to the session.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from reportgen.web import service
from reportgen.web.catalogue import (
    FORMAT_NAMES,
    Entry,
    KeyFigure,
    Options,
    RequestError,
    key_figures,
    options,
    resolve,
)
from reportgen.web.limits import clip
from reportgen.web.users import User

router = APIRouter(include_in_schema=False)
PAGE_JOBS = 100  # the newest jobs 'Your documents' lists


def _services(request: Request) -> Any:
    return request.app.state.services


def current_user(request: Request) -> User | None:
    """The signed-in user: the cookie's session id must still be live on the server."""
    username = _services(request).sessions.user(request.session.get("sid"))
    user: User | None = _services(request).directory.get(username) if username else None
    return user


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return str(token)


def _csrf_ok(request: Request, token: str) -> bool:
    expected = request.session.get("csrf")
    return bool(expected) and secrets.compare_digest(str(expected), token)


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    services = _services(request)
    base = {
        "user": current_user(request),
        "settings": services.settings,
        "csrf": csrf_token(request),
        "path": request.url.path,
    }
    response: Response = services.templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status
    )
    return response


def error_page(
    request: Request,
    status: int,
    title: str,
    message: str,
    hint: str | None = None,
    reference: str | None = None,
) -> Response:
    return render(
        request, "error.html", status, title=title, message=message, hint=hint, reference=reference
    )


def to_sign_in(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/sign-in?next={quote(target)}", status_code=303)


def _safe_next(target: str | None) -> str:
    """Only local paths: never bounce a signed-in user to another site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


# -- signing in and out ----------------------------------------------------------------
@router.get("/sign-in")
def sign_in_form(request: Request, next: str | None = None) -> Response:
    return render(request, "sign_in.html", next=_safe_next(next), errors={}, username="")


MAX_USERNAME, MAX_PASSWORD = 100, 1024


@router.post("/sign-in")
def sign_in(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    csrf: str = Form(""),
    next: str = Form("/"),
) -> Response:
    services = _services(request)
    username = username.strip()
    errors = _sign_in_form_errors(request, username, password, csrf)
    if errors:
        return render(
            request,
            "sign_in.html",
            400 if "password" in errors else 401,
            next=_safe_next(next),
            errors=errors,
            username=clip(username, MAX_USERNAME),
        )
    address = client_address(request)
    keys = (f"account:{username.lower()}", f"address:{address}")
    wait = services.throttle.wait(*keys)
    if wait > 0:
        services.audit.record(
            None,
            "sign-in refused",
            "web",
            username=username,
            address=address,
            reason="too many failed sign-ins",
            retry_after=round(wait),
        )
        response = render(
            request,
            "sign_in.html",
            429,
            next=_safe_next(next),
            errors={"username": "Too many failed sign-ins. Wait a few minutes, then try again"},
            username=username,
        )
        response.headers["Retry-After"] = str(max(1, round(wait)))
        return response
    user = services.directory.authenticate(username, password)
    if user is None:
        services.throttle.failed(*keys)
        services.audit.record(None, "sign-in failed", "web", username=username, address=address)
        return render(
            request,
            "sign_in.html",
            401,
            next=_safe_next(next),
            errors={"username": "The username or password is not right. Check them and try again"},
            username=username,
        )
    services.throttle.succeeded(keys[0])
    services.audit.record(user, "sign-in", "web", address=address)
    services.sessions.end(request.session.get("sid"))
    request.session.clear()  # a new session on sign-in: no session fixation
    request.session.update(
        sid=services.sessions.start(user.username), csrf=secrets.token_urlsafe(24)
    )
    return RedirectResponse(_safe_next(next), status_code=303)


def _sign_in_form_errors(
    request: Request, username: str, password: str, csrf: str
) -> dict[str, str]:
    if not _csrf_ok(request, csrf):
        return {"username": "Your sign-in form expired. Enter your username and password again"}
    if not username:
        return {"username": "Enter your username"}
    if len(username) > MAX_USERNAME:
        return {"username": f"A username has at most {MAX_USERNAME} characters"}
    if not password:
        return {"password": "Enter your password"}
    if len(password) > MAX_PASSWORD:
        return {"password": f"A password has at most {MAX_PASSWORD} characters"}
    return {}


@router.post("/sign-out")
def sign_out(request: Request, csrf: str = Form("")) -> Response:
    """Ends the session on the server too: the old cookie no longer signs anyone in."""
    if _csrf_ok(request, csrf):
        _services(request).sessions.end(request.session.get("sid"))
        request.session.clear()
    return RedirectResponse("/sign-in", status_code=303)


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


# -- choosing a report -------------------------------------------------------------------
@router.get("/")
def home(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return to_sign_in(request)
    entries = _services(request).catalogue.for_user(user)
    return render(
        request,
        "catalogue.html",
        reports=[e for e in entries if e.kind == "report" and e.available],
        packs=[e for e in entries if e.kind == "pack" and e.available],
        broken=[e for e in entries if not e.available],
    )


def _report_view(
    request: Request,
    user: User,
    entry: Entry,
    period: str | None,
    area: str | None,
    errors: dict[str, str],
) -> dict[str, Any]:
    opts: Options | None = options(entry)
    figures: list[KeyFigure] = []
    chosen = {
        "period": period or (opts.default_period if opts else None),
        "area": area or (opts.default_area if opts else None),
    }
    if opts is not None and not errors:
        try:
            resolved = resolve(
                _services(request).catalogue,
                user,
                entry.id,
                chosen["period"],
                chosen["area"],
                "pdf",
            )
            figures = key_figures(resolved)
        except RequestError as exc:
            errors[exc.field or "period"] = _sentence(exc.message, exc.hint)
    return {
        "entry": entry,
        "options": opts,
        "chosen": chosen,
        "figures": figures,
        "errors": errors,
        "formats": [(f, FORMAT_NAMES[f]) for f in entry.formats],
    }


def _sentence(message: str, hint: str | None) -> str:
    text = message[0].upper() + message[1:]
    return f"{text}: {hint}" if hint else text


@router.get("/reports/{report}")
def report_page(
    request: Request, report: str, period: str | None = None, area: str | None = None
) -> Response:
    user = current_user(request)
    if user is None:
        return to_sign_in(request)
    try:
        entry = _services(request).catalogue.get(user, report)
        view = _report_view(request, user, entry, period, area, {})
    except RequestError as exc:
        return error_page(
            request,
            exc.status,
            "Page not found" if exc.status == 404 else "This report is not available",
            _sentence(exc.message, None),
            exc.hint,
        )
    return render(request, "report.html", 400 if view["errors"] else 200, **view)


@router.post("/reports/{report}")
def report_action(
    request: Request,
    report: str,
    action: str = Form("preview"),
    period: str = Form(""),
    area: str = Form(""),
    csrf: str = Form(""),
) -> Response:
    """One form, three buttons: show the figures, or get the PDF or the Word file."""
    user = current_user(request)
    if user is None:
        return to_sign_in(request)
    if action == "preview":
        query = urlencode({k: v for k, v in (("period", period), ("area", area)) if v})
        return RedirectResponse(f"/reports/{quote(report)}?{query}", status_code=303)
    if not _csrf_ok(request, csrf):
        return error_page(
            request,
            400,
            "Your form expired",
            "The page was open too long or you signed in again elsewhere.",
            "Go back, reload the page and try again.",
        )
    try:
        job = service.request_document(
            _services(request), user, "web", report, period or None, area or None, action
        )
    except RequestError as exc:
        if exc.status == 404:
            return error_page(request, 404, "Page not found", _sentence(exc.message, None))
        entry = _services(request).catalogue.get(user, report)
        view = _report_view(
            request,
            user,
            entry,
            period or None,
            area or None,
            {exc.field or "period": _sentence(exc.message, exc.hint)},
        )
        return render(request, "report.html", exc.status, **view)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


# -- jobs and documents ------------------------------------------------------------------
@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str) -> Response:
    user = current_user(request)
    if user is None:
        return to_sign_in(request)
    try:
        job = service.own_job(_services(request), user, job_id)
    except RequestError:
        return error_page(
            request,
            404,
            "Page not found",
            "There is no such document request.",
            "Your requests are listed under 'Your documents'.",
        )
    progress = _services(request).jobs.progress(job)
    status = 500 if job.status == "failed" else 200
    return render(
        request,
        "job.html",
        status,
        job=job,
        progress=progress,
        format_name=FORMAT_NAMES.get(job.format, job.format),
    )


@router.get("/jobs/{job_id}/progress")
def job_progress(request: Request, job_id: str) -> Response:
    """For the page's script: the same progress the page shows, as JSON."""
    user = current_user(request)
    if user is None:
        return JSONResponse({"error": "signed out"}, 401)
    try:
        job = service.own_job(_services(request), user, job_id)
    except RequestError as exc:
        return JSONResponse({"error": exc.message}, exc.status)
    return JSONResponse({**_services(request).jobs.progress(job), "status": job.status})


@router.get("/jobs/{job_id}/download")
def job_download(request: Request, job_id: str) -> Response:
    user = current_user(request)
    if user is None:
        return to_sign_in(request)
    try:
        job = service.own_job(_services(request), user, job_id)
        path = service.downloadable(_services(request), user, job, "web")
    except RequestError as exc:
        return error_page(
            request,
            exc.status,
            "The document cannot be downloaded",
            _sentence(exc.message, None),
            exc.hint,
            exc.reference,
        )
    return FileResponse(
        path, media_type=service.MEDIA_TYPES[job.format], filename=job.filename or path.name
    )


@router.get("/documents")
def documents(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return to_sign_in(request)
    mine = service.my_jobs(_services(request), user)
    return render(
        request,
        "documents.html",
        jobs=mine[:PAGE_JOBS],
        more=len(mine) > PAGE_JOBS,
        format_names=FORMAT_NAMES,
    )
