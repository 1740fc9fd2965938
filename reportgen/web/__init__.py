"""``reportgen serve``: ad-hoc reports for managers, in a browser or over a JSON API.

A thin shell over ``reportgen.api``: it never composes or renders anything itself. The
modules follow one request from the door to the file:

``settings``   where things are (reports, meetings, cache) and how many builds at once
``users``      who may sign in, their role, password and API token hashes (config file)
``catalogue``  what a role may ask for (report specs, agenda packs), periods, areas,
               and the key-figure preview
``inputs``     the cache key: a hash of every input file's content and the request
``builder``    the function a worker process runs: one document into the cache
``jobs``       the bounded worker pool, one build per cache key, jobs kept on disk
``audit``      who asked for which document, when (JSON lines)
``app``        the FastAPI application: sessions, errors, the two routers below
``pages``      server-rendered HTML (works without JavaScript)
``api_routes`` the JSON API (OpenAPI docs at /docs)
``cli``        ``reportgen serve``
"""

from reportgen.web.app import create_app
from reportgen.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
