"""The document model as JSON, for ``reportgen inspect --to model`` and golden tests.

Every node is an object whose ``"type"`` is its class name, followed by its fields in
declaration order. Image bytes become ``{"sha256": ..., "size": ...}`` so the output is
small, diffable and stable. Standard library only, like the model.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime
from typing import Any

from reportgen.model import Document


def _bytes(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def to_data(value: Any) -> Any:
    """Plain JSON-ready data for any model value (dataclasses, tuples, bytes, dates)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        node: dict[str, Any] = {"type": type(value).__name__}
        for f in dataclasses.fields(value):
            node[f.name] = to_data(getattr(value, f.name))
        return node
    if isinstance(value, bytes):
        return _bytes(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in sorted(value.items())}
    return value


def to_json(doc: Document, indent: int = 2) -> str:
    """The whole document as JSON text (UTF-8 safe, trailing newline)."""
    return json.dumps(to_data(doc), indent=indent, ensure_ascii=False) + "\n"
