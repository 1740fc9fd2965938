"""The JSON API: the same catalogue, checks, cache and audit as the web pages.

Its reference is at ``/docs`` (rendered by ``apidocs``) and ``/openapi.json``.

Authenticate with ``Authorization: Bearer <token>`` (tokens are in the users config,
hashed). Typical use::

    POST /api/reports {"report": "corporate-parenting", "period": "2017-01", "format": "pdf"}
      -> 202 {"id": "...", "status": "queued", ...}
    GET  /api/jobs/{id}            until "status" is "done" (or "failed", with a reference)
    GET  /api/jobs/{id}/download   the file
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from reportgen.web import service
from reportgen.web.catalogue import Entry, RequestError, key_figures, options, resolve
from reportgen.web.jobs import Job
from reportgen.web.users import User

MAX_FIELD = 200  # characters in a report id or area name
DEFAULT_PAGE, MAX_PAGE = 50, 200  # jobs per page of GET /api/jobs
bearer = HTTPBearer(auto_error=False, description="An API token from the users config file")
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": None, "description": text}
    for code, text in (
        (400, "Malformed request (not JSON)"),
        (401, "Missing or unknown API token"),
        (404, "Unknown report or job (or one your role may not see)"),
        (422, "A field is wrong: e.g. a period with no data"),
    )
}


class ErrorOut(BaseModel):
    error: str
    field: str | None = None
    hint: str | None = None
    reference: str | None = None


for _code in ERRORS:
    ERRORS[_code]["model"] = ErrorOut


def services(request: Request) -> Any:
    return request.app.state.services


def api_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> User:
    if credentials is None:
        raise RequestError(
            401, "an API token is needed", None, "send the header 'Authorization: Bearer <token>'"
        )
    user: User | None = services(request).directory.by_token(credentials.credentials)
    if user is None:
        raise RequestError(
            401,
            "the API token is not recognised",
            None,
            "check the token, or ask an administrator for a new one",
        )
    return user


router = APIRouter(prefix="/api", tags=["reports"], responses=ERRORS)
UserDep = Annotated[User, Depends(api_user)]


class CatalogueEntryOut(BaseModel):
    id: str
    kind: Literal["report", "pack"]
    title: str
    description: str
    exempt: bool
    formats: list[str]
    periods: list[str] = Field(default_factory=list, description="Months with data, YYYY-MM")
    default_period: str | None = None
    areas: list[str] = Field(default_factory=list, description="Empty: one area only")
    default_area: str | None = None
    error: str | None = Field(None, description="Why it cannot be built (analysts only)")


def _entry_out(entry: Entry) -> CatalogueEntryOut:
    out = CatalogueEntryOut(
        id=entry.id,
        kind=entry.kind,
        title=entry.title,
        description=entry.description,
        exempt=entry.exempt,
        formats=list(entry.formats),
        error=entry.error,
    )
    if entry.available and entry.kind == "report":
        try:
            opts = options(entry)
        except RequestError as exc:
            return out.model_copy(update={"error": exc.message})
        if opts is not None:
            out = out.model_copy(
                update={
                    "periods": opts.periods,
                    "default_period": opts.default_period,
                    "areas": opts.areas,
                    "default_area": opts.default_area,
                }
            )
    return out


@router.get("/catalogue", response_model=list[CatalogueEntryOut])
def catalogue(request: Request, user: UserDep) -> list[CatalogueEntryOut]:
    """The reports and agenda packs this token's role may request."""
    return [_entry_out(e) for e in services(request).catalogue.for_user(user)]


class KeyFigureOut(BaseModel):
    id: str
    title: str
    value: str
    target: str
    rating: str | None
    rating_word: str
    direction: str | None = Field(description="improving, deteriorating or no change")
    movement: str | None = Field(description="up, down or same: how the value moved")
    previous: str
    previous_period: str


@router.get("/reports/{report}/preview", response_model=list[KeyFigureOut])
def preview(
    request: Request,
    user: UserDep,
    report: str,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
    area: str | None = None,
) -> list[KeyFigureOut]:
    """The key figures (value, target, rating, direction) a report would show."""
    resolved = resolve(services(request).catalogue, user, report, period, area, "pdf")
    return [KeyFigureOut(**vars(f)) for f in key_figures(resolved)]


class ReportRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"report": "corporate-parenting", "period": "2017-01", "format": "pdf"}]
        },
    )

    report: str = Field(max_length=MAX_FIELD, description="A catalogue id (GET /api/catalogue)")
    period: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}$", description="YYYY-MM; default: the report's own period"
    )
    area: str | None = Field(
        None,
        max_length=MAX_FIELD,
        description="An area from the catalogue; default: the "
        "report's own (usually the whole council)",
    )
    format: Literal["pdf", "docx"] = "pdf"


class ProgressOut(BaseModel):
    stage: str | None = None
    percent: int = 0
    ahead: int = Field(0, description="Builds waiting ahead of this one")
    usual_seconds: float | None = None


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    report: str
    title: str
    format: str
    period: str | None
    area: str | None
    created: str
    finished: str | None
    cached: bool = Field(description="Answered from the cache: no build was needed")
    filename: str | None
    size: int | None
    pages: int | None
    seconds: float | None = Field(None, description="How long the build took")
    reference: str | None = Field(None, description="Failed: quote this to support")
    error: str | None = Field(None, description="Failed: the cause (analysts only)")
    progress: ProgressOut | None = None
    download: str | None = None


def _job_out(request: Request, user: User, job: Job) -> JobOut:
    data = {k: v for k, v in job.to_json().items() if k in JobOut.model_fields}
    if not user.sees_details:
        data["error"] = None
    progress = None
    if job.pending:
        progress = ProgressOut(
            **{
                k: v
                for k, v in services(request).jobs.progress(job).items()
                if k in ProgressOut.model_fields
            }
        )
    download = f"/api/jobs/{job.id}/download" if job.status == "done" else None
    return JobOut(**data, progress=progress, download=download)


@router.post("/reports", status_code=202, response_model=JobOut)
def request_report(
    request: Request, response: Response, user: UserDep, body: ReportRequest
) -> JobOut:
    """Ask for a document. Identical requests share one build and one cached file."""
    job = service.request_document(
        services(request), user, "api", body.report, body.period, body.area, body.format
    )
    response.headers["Location"] = f"/api/jobs/{job.id}"
    return _job_out(request, user, job)


@router.get("/jobs", response_model=list[JobOut])
def my_jobs(
    request: Request,
    response: Response,
    user: UserDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[JobOut]:
    """This token's user's jobs, newest first, one page at a time.

    ``X-Total-Count`` says how many there are; a ``Link`` header (rel="next") gives the
    next page while there is one."""
    mine = service.my_jobs(services(request), user)
    response.headers["X-Total-Count"] = str(len(mine))
    if offset + limit < len(mine):
        response.headers["Link"] = f'</api/jobs?limit={limit}&offset={offset + limit}>; rel="next"'
    return [_job_out(request, user, j) for j in mine[offset : offset + limit]]


@router.get("/jobs/{job_id}", response_model=JobOut)
def job(request: Request, user: UserDep, job_id: str) -> JobOut:
    """A job's status and progress; poll until ``status`` is ``done`` or ``failed``."""
    return _job_out(request, user, service.own_job(services(request), user, job_id))


@router.get(
    "/jobs/{job_id}/download",
    response_class=FileResponse,
    responses={
        200: {"content": {v: {} for v in service.MEDIA_TYPES.values()}},
        409: {"model": ErrorOut, "description": "Not finished yet"},
        500: {"model": ErrorOut, "description": "The build failed"},
    },
)
def download(request: Request, user: UserDep, job_id: str) -> FileResponse:
    """The finished PDF or Word file."""
    found = service.own_job(services(request), user, job_id)
    path = service.downloadable(services(request), user, found, "api")
    return FileResponse(
        path, media_type=service.MEDIA_TYPES[found.format], filename=found.filename or path.name
    )
