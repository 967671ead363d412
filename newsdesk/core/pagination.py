"""Page numbers from the query string that never raise: ``?seite=abc`` is page 1."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest

PAGE_PARAMETER = "seite"


def paginate(request: HttpRequest, object_list, per_page: int = 20) -> Page:
    raw = request.GET.get(PAGE_PARAMETER, "1")
    try:
        number = int(raw)
    except ValueError:
        number = 1
    paginator = Paginator(object_list, per_page)
    if number < 1 or (number > paginator.num_pages and number != 1):
        raise Http404("Diese Seite gibt es nicht.")
    return paginator.page(number)
