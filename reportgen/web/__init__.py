"""``reportgen serve``: ad-hoc reports for managers, in a browser or over a JSON API.

A thin shell over ``reportgen.api``: it never composes or renders anything itself. The
modules follow one request from the door to the file:

``settings``   where things are (reports, meetings, cache), how many builds at once, limits
``users``      who may sign in, their role, password and API token hashes (config file)
``security``   sign-in throttling with backoff; server-side sessions (sign-out ends them)
``limits``     request body size, and clipping of client text that is echoed or logged
``catalogue``  what a role may ask for (report specs, agenda packs), periods, areas,
               and the key-figure preview; exemption decided by ``reportgen.exemption``
``inputs``     the cache key: a hash of every input file's content and the request,
               kept until an input file changes
``builder``    the function a worker process runs: one document into the cache, through
               ``reportgen.api``
``jobs``       the bounded worker pool, one build per cache key, jobs kept on disk
``logs``       the audit log (who asked for which document, when) and the error log
``state``      the ``Services`` object the routes share
``service``    what pages and API share: request a document, find a job, hand it over
``app``        the FastAPI application: sessions, headers, errors, the routers below
``pages``      server-rendered HTML (works without JavaScript)
``api_routes`` the JSON API
``apidocs``    ``/docs``: the API reference rendered here from the OpenAPI schema (no CDN)
(``reportgen serve`` itself is ``reportgen.cli.serve``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.web.app import create_app
    from reportgen.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    """Import on use, so ``python -m reportgen.web.users`` need not load FastAPI."""
    if name == "create_app":
        from reportgen.web.app import create_app

        return create_app
    if name == "WebSettings":
        from reportgen.web.settings import WebSettings

        return WebSettings
    raise AttributeError(name)
