"""``/docs``: the JSON API's reference, rendered here from the OpenAPI schema.

FastAPI's default ``/docs`` is Swagger UI, whose script and stylesheet come from a CDN:
a council network may block it, and a page that runs someone else's script next to
session cookies is what its security team forbids. This page is plain HTML from the
same ``/openapi.json`` (still served, for client generators), styled by our own sheet,
with no script at all: it works offline and under the strict Content-Security-Policy.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from markupsafe import Markup, escape

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict[str, Any]) -> str:
    """A schema in a few words: 'string', 'JobOut', 'list of JobOut', 'string or null'."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(repr(v) for v in schema["enum"])
    if schema.get("type") == "array":
        return "list of " + _type(schema.get("items", {}))
    if "const" in schema:
        return repr(schema["const"])
    return str(schema.get("type", "any"))


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = (
                op.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _type(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _type(body) if body else None,
                    "responses": [
                        (code, r.get("description", ""))
                        for code, r in op.get("responses", {}).items()
                    ],
                    "anchor": f"{method}-{path}".replace("/", "-")
                    .replace("{", "")
                    .replace("}", ""),
                }
            )
    return found


def _schemas(spec: dict[str, Any]) -> list[dict[str, Any]]:
    schemas = spec.get("components", {}).get("schemas", {})
    return [
        {
            "name": name,
            "description": schema.get("description", ""),
            "fields": [
                {
                    "name": field,
                    "type": _type(prop),
                    "required": field in schema.get("required", []),
                    "description": prop.get("description", ""),
                }
                for field, prop in schema.get("properties", {}).items()
            ],
        }
        for name, schema in sorted(schemas.items())
    ]


def code_spans(text: str) -> Markup:
    """Escaped text with `backticked` parts as <code> (the schema's descriptions use them)."""
    parts = str(text).split("`")
    return Markup("").join(
        Markup("<code>{}</code>").format(p) if i % 2 else escape(p) for i, p in enumerate(parts)
    )


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference: every operation, its parameters and answers, every schema."""
    from reportgen.web.pages import render

    spec = request.app.openapi()
    return render(
        request,
        "api_docs.html",
        api=spec["info"],
        operations=_operations(spec),
        schemas=_schemas(spec),
    )
