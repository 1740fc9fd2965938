"""The FastAPI application: one ``create_app`` wiring settings, users, jobs and routes.

Everything the routes need lives on one ``Services`` object (``app.state.services``), so
tests can build an app on a temporary project with a fast fake builder and look inside.
A request that fails unexpectedly gets a 500 page or JSON body with a reference (its
traceback is logged under it) and the server carries on.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import reportgen
from reportgen.web import api_routes, apidocs, pages
from reportgen.web.builder import Builder, build_document
from reportgen.web.catalogue import Catalogue, RequestError
from reportgen.web.inputs import KeyCache
from reportgen.web.jobs import JobManager
from reportgen.web.limits import BodyLimit
from reportgen.web.logs import AuditLog, ErrorLog, new_reference
from reportgen.web.security import Sessions, Throttle
from reportgen.web.settings import WebSettings
from reportgen.web.state import Services
from reportgen.web.users import Directory

log = logging.getLogger("reportgen.web")
HERE = Path(__file__).resolve().parent
SESSION_HOURS = 8

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# Nothing is loaded from elsewhere: not by our pages, nor by the API docs (/docs is our
# own page rendered from the OpenAPI schema, not Swagger UI from a CDN).
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def _secret_key(settings: WebSettings) -> str:
    """The configured key, or one kept in the cache folder so sessions survive restarts."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.cache_dir / "secret.key"
    if not path.is_file():
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def _templates() -> Jinja2Templates:
    from reportgen import formatting

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals["version"] = reportgen.__version__
    env.filters["period"] = lambda p: formatting.fmt_period(p) if p else ""
    env.filters["filesize"] = _filesize
    env.filters["when"] = _when
    env.filters["code_spans"] = apidocs.code_spans
    return templates


def _filesize(size: int | None) -> str:
    if not size:
        return ""
    return f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def _when(iso: str | None) -> str:
    from datetime import datetime

    if not iso:
        return ""
    value = datetime.fromisoformat(iso)
    return f"{value.day} {value:%B %Y}, {value:%H:%M} UTC"


def create_app(settings: WebSettings, builder: Builder | None = None) -> FastAPI:
    """The web application for ``settings``; ``builder`` replaces the real engine in tests."""
    errors = ErrorLog(settings.errors_log)
    directory = Directory.load(settings.users_file)  # a bad config fails before workers start
    jobs = JobManager(
        settings.cache_dir,
        builder or build_document,
        settings.workers,
        settings.executor,
        errors,
        per_user=settings.max_jobs_per_user,
        queue=settings.max_queue,
        keep_days=settings.cache_days,
        max_bytes=settings.cache_max_mb * 1024 * 1024,
    )
    jobs.start()
    services = Services(
        settings=settings,
        directory=directory,
        catalogue=Catalogue(settings.reports_dir, settings.meetings_dir),
        jobs=jobs,
        audit=AuditLog(settings.audit_log),
        errors=errors,
        keys=KeyCache(),
        templates=_templates(),
        sessions=Sessions(settings.cache_dir / "sessions.json", SESSION_HOURS * 3600),
        throttle=Throttle(),
    )
    if services.directory.config.demo:
        log.warning(
            "%s holds the DEMO users and passwords from the README: do not put this "
            "server on a network",
            settings.users_file,
        )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(
        title=f"{settings.council}: {settings.site_name}",
        version=reportgen.__version__,
        description="Request council performance reports and agenda packs as PDF or Word. "
        "Authenticate with `Authorization: Bearer <token>`; ask an administrator "
        "for a token. Requests are queued as jobs: poll the job, then download.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,  # /docs is our own page (apidocs.py): no CDN
    )
    app.state.services = services
    app.add_middleware(
        SessionMiddleware,
        secret_key=_secret_key(settings),
        session_cookie="reportgen_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    _install_error_handling(app, services)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)  # outermost: first
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.include_router(apidocs.router)
    return app


class Guard:
    """Security headers on every response, and a 500 page or JSON body with a reference
    for anything unexpected (its traceback logged under it), so the server carries on.

    Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware
    costs a task group and a memory stream per request, a good part of a home page.
    """

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app, self.services = app, services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = {**SECURITY_HEADERS, "Content-Security-Policy": CSP}
        if not scope["path"].startswith("/static/"):
            # documents (exempt ones too), job pages and API answers are per person:
            # no browser or proxy cache may keep a copy
            extra["Cache-Control"] = "no-store"
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = list(message.get("headers", []))
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_guarded)
        except Exception as exc:  # the server must keep serving
            if started:
                raise
            request = Request(scope)
            reference = new_reference()
            self.services.errors.record(
                reference, f"{request.method} {request.url.path} failed", exc
            )
            await _server_error(request, self.services, reference)(scope, receive, send_guarded)


def _install_error_handling(app: FastAPI, services: Services) -> None:
    app.add_middleware(Guard, services=services)

    @app.exception_handler(RequestError)
    async def request_error(request: Request, exc: RequestError) -> Response:
        return error_json(exc.status, exc.message, exc.field, exc.hint, reference=exc.reference)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = list(exc.errors())
        if any(p.get("type") == "json_invalid" for p in problems):
            detail = problems[0].get("ctx", {}).get("error", "")
            return error_json(
                400,
                f"the request body is not valid JSON: {detail}".rstrip(": "),
                hint='send a JSON object, e.g. {"report": "corporate-parenting", '
                '"period": "2017-01", "format": "pdf"}',
            )
        first = problems[0]
        field = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or None
        return error_json(
            422,
            f"{field or 'request'}: {first.get('msg')}",
            field,
            "see the request schema at /docs",
            [
                {"field": ".".join(str(x) for x in p.get("loc", ())), "message": p.get("msg")}
                for p in problems
            ],
        )


def error_json(
    status: int,
    message: str,
    field: str | None = None,
    hint: str | None = None,
    details: list[dict[str, object]] | None = None,
    reference: str | None = None,
) -> JSONResponse:
    body = {
        "error": message,
        "field": field,
        "hint": hint,
        "details": details,
        "reference": reference,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({k: v for k, v in body.items() if v is not None}, status, headers=headers)


def _server_error(request: Request, services: Services, reference: str) -> Response:
    if request.url.path.startswith("/api/"):
        return error_json(
            500,
            "something went wrong on the server",
            reference=reference,
            hint="try again; if it happens again, quote the reference to the performance team",
        )
    return services.templates.TemplateResponse(
        request,
        "error.html",
        {
            "reference": reference,
            "user": None,
            "title": "Sorry, there is a problem with the service",
            "settings": services.settings,
        },
        status_code=500,
    )
