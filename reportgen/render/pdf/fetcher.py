"""A WeasyPrint URL fetcher locked to the template folders.

A report is rendered from files an analyst wrote: a stray ``url(http://...)`` in a
template or a link to ``/etc/passwd`` must not reach the network or the disk. Only
``data:`` URIs and files inside the theme's folders are fetched; anything else is
refused (WeasyPrint logs the refusal and carries on without the resource).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetchingError


class LockedURLFetcher(URLFetcher):  # type: ignore[misc]
    """Fetch ``data:`` URIs and ``file:`` URLs under ``roots``; refuse the rest."""

    def __init__(self, roots: tuple[Path, ...], **kwargs: Any) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, **kwargs)
        self._roots = tuple(Path(r).resolve() for r in roots)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self._roots)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not self.allowed(url):
            raise URLFetchingError(
                f"reportgen: refused to fetch {url[:80]!r} (only files inside the template folder)"
            )
        return super().fetch(url, headers)
