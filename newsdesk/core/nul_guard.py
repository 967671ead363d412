"""Addresses with a NUL character are refused before any view sees them.

No page of ours has one in its address, and PostgreSQL text cannot hold one: passed on to a
query it would end as a server error (the API's fuzz run found it in filter parameters).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

MESSAGE = "Die Adresse enthält ein ungültiges Zeichen (NUL)."


class NulCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": MESSAGE, "problems": []},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            return HttpResponse(MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
