"""The publication manifest: a small JSON file beside each pack for the council website.

It lists every item with its number, the title this pack may show, its kind, its
exemption and expected publication, its page range and, for an external file, the
file's name and SHA-256 (to publish the original beside the pack); plus the pack's size
and SHA-256 so a website can check it is serving the file the manifest describes. A
public manifest carries only public titles and nothing of a withheld file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from reportgen.pack.agenda import publication_text
from reportgen.pack.assemble import BuiltPack
from reportgen.pack.items import PackItem
from reportgen.pack.spec import MeetingSpec

MANIFEST_VERSION = 1


def _item(item: PackItem, pack: BuiltPack) -> dict[str, Any]:
    public = pack.view.public
    pages = pack.pages[item.number]
    exempt = item.exempt
    included = not item.withheld(public)
    return {
        "number": item.number,
        "title": item.shown_title(public),
        "kind": item.kind,
        "late": item.late,
        "exempt": exempt is not None,
        "exempt_paragraph": exempt.paragraph if exempt else None,
        "publication": publication_text(exempt) if exempt else None,
        "content_included": included,
        "start_page": pages.start,
        "end_page": pages.end,
        # A withheld file's name could itself say what it is: public packs omit it.
        "source_file": item.source_name if included else None,
        "source_sha256": item.source_sha256 if included else None,
    }


def manifest(
    spec: MeetingSpec, pack: BuiltPack, file_name: str, council: str, created: dt.datetime | None
) -> dict[str, Any]:
    return {
        "manifest_version": MANIFEST_VERSION,
        "meeting": {
            "council": council,
            "committee": spec.committee,
            "date": spec.date.isoformat(),
            "time": spec.time,
            "venue": spec.venue,
        },
        "pack": "public" if pack.view.public else "full",
        "agenda": "supplement" if pack.view.supplement else "main",
        "file": file_name,
        "sha256": hashlib.sha256(pack.pdf).hexdigest(),
        "bytes": len(pack.pdf),
        "pages": pack.page_count,
        "created": created.isoformat() if created else None,
        "items": [_item(item, pack) for item in pack.items],
    }


def manifest_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
