"""Browsable API docs rendered on the server from the OpenAPI document: no script, no CDN."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsdesk.pagecache.dependencies import record


def _schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_of(spec: dict) -> str:
    """ "string", or "string | null" for an optional parameter (pydantic writes ``anyOf``)."""
    if spec.get("type"):
        return spec["type"]
    kinds = [a.get("type") or _schema_name(a.get("$ref", "")) for a in spec.get("anyOf", [])]
    return " | ".join(k for k in kinds if k)


def operations(schema: dict) -> list[dict]:
    """Each operation of the document with its parameters and answers, in path order."""
    result = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            responses = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {}).get("application/json", {})
                ref = content.get("schema", {}).get("$ref", "")
                responses.append({"status": status, "schema": _schema_name(ref) if ref else ""})
            body = operation.get("requestBody", {}).get("content", {})
            body_ref = next(iter(body.values()), {}).get("schema", {}).get("$ref", "")
            result.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tags": operation.get("tags", []),
                    "secured": bool(operation.get("security")),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _type_of(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": _schema_name(body_ref) if body_ref else "",
                    "responses": responses,
                }
            )
    return result


def schemas(schema: dict) -> list[dict]:
    result = []
    for name, definition in sorted(schema.get("components", {}).get("schemas", {}).items()):
        fields = []
        for field, spec in definition.get("properties", {}).items():
            kinds = [spec.get("type") or _schema_name(spec.get("$ref", ""))]
            kinds += [
                a.get("type") or _schema_name(a.get("$ref", "")) for a in spec.get("anyOf", [])
            ]
            fields.append(
                {
                    "name": field,
                    "type": " | ".join(k for k in kinds if k),
                    "description": spec.get("description", ""),
                }
            )
        result.append({"name": name, "fields": fields})
    return result


def api_docs(request: HttpRequest) -> HttpResponse:
    from .views import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    record("api-docs")
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "openapi": schema["openapi"],
            "operations": operations(schema),
            "schemas": schemas(schema),
        },
    )
