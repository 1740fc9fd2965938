"""The one object every route reaches for (``app.state.services``): settings, users,
catalogue, jobs, logs, sessions and the sign-in throttle.

Its own module, below the routers and the app, so that ``service``, ``pages`` and
``api_routes`` can name it without importing the app that imports them (the old
app -> routes -> service -> app circle).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.templating import Jinja2Templates

from reportgen.web.catalogue import Catalogue
from reportgen.web.inputs import KeyCache
from reportgen.web.jobs import JobManager
from reportgen.web.logs import AuditLog, ErrorLog
from reportgen.web.security import Sessions, Throttle
from reportgen.web.settings import WebSettings
from reportgen.web.users import Directory


@dataclass
class Services:
    settings: WebSettings
    directory: Directory
    catalogue: Catalogue
    jobs: JobManager
    audit: AuditLog
    errors: ErrorLog
    keys: KeyCache
    templates: Jinja2Templates
    sessions: Sessions
    throttle: Throttle
