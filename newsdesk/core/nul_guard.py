"""API addresses with a NUL character are refused before any API view sees them.

PostgreSQL text cannot hold one: passed on to a query it would end as a server error (the API's
fuzz run found it in filter parameters). Reader pages handle it on their own terms already
(search ignores it, an offer link with one is a 404), so only the API is guarded here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

MESSAGE = "Die Adresse enthält ein ungültiges Zeichen (NUL)."


class ApiNulCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and (
            "\x00" in request.path
            or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()
            )
        ):
            return JsonResponse(
                {"detail": MESSAGE, "problems": []},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return self.get_response(request)
