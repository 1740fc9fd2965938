"""What the web pages and the API do alike: request a document, find a job, hand over a file.

Both routers call these so a browser and another council system get the same checks,
the same cache and the same audit trail.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import ReportgenError
from reportgen.web.catalogue import RequestError, resolve
from reportgen.web.jobs import Job
from reportgen.web.limits import clip
from reportgen.web.users import User

if TYPE_CHECKING:
    from reportgen.web.state import Services

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
}


def request_document(
    services: Services,
    user: User,
    via: str,
    report: str,
    period: str | None,
    area: str | None,
    format: str,
) -> Job:
    """Check, then queue (or answer from the cache) one request; audit it either way."""
    asked = {"report": report, "period": period, "area": area, "format": format}
    try:
        resolved = resolve(services.catalogue, user, report, period, area, format)
        try:
            key = services.keys.key(resolved)
        except ReportgenError as exc:  # an input went missing or bad since the catalogue read
            raise RequestError(
                409, f"'{report}' cannot be built: {exc.message}", "report", exc.hint
            ) from None
    except RequestError as exc:
        services.audit.record(user, "refused", via, **asked, status=exc.status, reason=exc.message)
        raise
    try:
        job = services.jobs.submit(user.username, resolved, key)
    except RequestError as exc:  # too many waiting: refused, and audited as such
        services.audit.record(user, "refused", via, **asked, status=exc.status, reason=exc.message)
        raise
    services.audit.record(
        user,
        "request",
        via,
        report=report,
        period=resolved.period,
        area=resolved.area,
        format=format,
        job=job.id,
        outcome="cached" if job.cached else "queued",
        key=key[:16],
    )
    return job


def own_job(services: Services, user: User, job_id: str) -> Job:
    """The user's own job (someone else's job is as unknown as a job that never was)."""
    job = services.jobs.get(job_id)
    if job is None or job.user != user.username or not may_see(services, user, job):
        raise RequestError(
            404,
            f"unknown job '{clip(job_id)}'",
            "job",
            "your jobs are listed at GET /api/jobs and on 'Your documents'",
        )
    return services.jobs.with_progress(job)


def may_see(services: Services, user: User, job: Job, visible: set[str] | None = None) -> bool:
    """Whether the job's report is still in this user's catalogue: a report that became
    exempt since (a meeting item now declares it) takes its jobs with it, title and all."""
    if user.may_see_exempt:
        return True
    if visible is None:
        visible = {e.id for e in services.catalogue.for_user(user)}
    return job.report in visible


def my_jobs(services: Services, user: User) -> list[Job]:
    """The user's jobs they may still see, newest first, with their progress."""
    visible = {e.id for e in services.catalogue.for_user(user)}
    return [
        services.jobs.with_progress(j)
        for j in services.jobs.for_user(user.username)
        if may_see(services, user, j, visible)
    ]


def downloadable(services: Services, user: User, job: Job, via: str) -> Path:
    """The finished file for ``job``, audited; RequestError while it is not ready."""
    if job.pending:
        raise RequestError(
            409,
            "the document is not ready yet",
            "job",
            "wait until the job's status is 'done', then download",
        )
    if job.status == "failed":
        raise RequestError(
            500,
            "the document could not be built",
            "job",
            f"quote reference {job.reference} to the performance team",
            reference=job.reference,
        )
    # Access is checked again: the role may have changed, or the report become exempt.
    services.catalogue.get(user, job.report)
    path = services.jobs.file_for(job)
    if path is None:
        raise RequestError(410, "the file is no longer kept", "job", "request the document again")
    services.audit.record(
        user,
        "download",
        via,
        report=job.report,
        period=job.period,
        area=job.area,
        format=job.format,
        job=job.id,
        file=job.filename,
    )
    return path
