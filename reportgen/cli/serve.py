"""``reportgen serve``: run the web service (pages, JSON API, its reference at /docs).

uvicorn serves one process; document builds run in a bounded pool of worker processes
inside it (``--workers``), so a burst of requests queues instead of exhausting memory.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer


def serve_command(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 0.0.0.0 for every interface (put HTTPS in front)"),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="Users, roles and server settings (default: config/users.yaml in the project)",
        ),
    ] = None,
    project: Annotated[Path, typer.Option(help="Folder holding reports/ and meetings/")] = Path(
        "."
    ),
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Documents built at once (default 2)")
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(
            help="Where jobs, finished files and the audit log are kept (default output/web)"
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error")] = "info",
) -> None:
    """Serve reports to managers in a browser, and to other systems over a JSON API."""
    import uvicorn

    from reportgen.web.app import create_app
    from reportgen.web.settings import WebSettings

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s: %(name)s: %(message)s")
    settings = WebSettings.for_project(project, config, workers=workers, cache_dir=cache)
    app = create_app(settings)  # a ReportgenError: one line, exit 2 (reportgen.cli.console)
    typer.echo(
        f"reportgen serve: http://{host}:{port}/ (API docs at /docs); "
        f"{settings.workers} build worker(s); files in {settings.cache_dir}"
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=True)
