"""Numbered pages of a listing (``?seite=2``), and one address per page.

Only views marked :func:`paginated` have numbered pages. Anywhere else, and in any spelling but
the one the paginator writes (``?seite=02``, ``?seite=1``, ``?seite=abc``), the parameter is sent
to the page's one address with a permanent redirect (:class:`CanonicalPageNumberMiddleware`),
before anything renders: search engines see no duplicates, and a flood of such addresses costs
no render and can fill no cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

PAGE_PARAMETER = "seite"
# More digits than any listing has pages: answered by the view (404), not redirected.
MAX_DIGITS = 6


def paginated(view: Callable | None = None, *, keeps: Iterable[str] = ()) -> Callable:
    """Marks a view whose pages are numbered by ``?seite=``. ``keeps``: the parameters that
    select what is listed (a search's words and filters); the links to the other pages carry
    them, and nothing else a visitor put in the address."""

    def mark(view: Callable) -> Callable:
        view.newsdesk_paginated = True  # type: ignore[attr-defined]
        view.newsdesk_page_keeps = tuple(keeps)  # type: ignore[attr-defined]
        return view

    return mark(view) if view is not None else mark


def kept_parameters(request: HttpRequest) -> list[tuple[str, str]]:
    """The parameters of this request that links to its other pages carry."""
    match = getattr(request, "resolver_match", None)
    keeps = getattr(match.func, "newsdesk_page_keeps", ()) if match else ()
    return [(name, value) for name in keeps for value in request.GET.getlist(name)]


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


def canonical_page_value(raw: str) -> str | None:
    """The value ``raw`` stands for as the paginator writes it ("" for page 1: no parameter);
    None when only the view can say (zero, or more digits than a page number has)."""
    if not (raw.isascii() and raw.isdigit()):
        return ""  # not a page number: the first page
    if len(raw) > MAX_DIGITS or int(raw) == 0:
        return None
    number = int(raw)
    return "" if number == 1 else str(number)


def canonical_address(request: HttpRequest) -> str | None:
    """Where a request with ``?seite=`` belongs, or None when it is already there (or the
    view must answer it: no such path, several values, page 0, a number too long)."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    values = request.GET.getlist(PAGE_PARAMETER)
    if not getattr(view, "newsdesk_paginated", False):
        value = ""  # a page without numbered pages has one address
    elif len(values) != 1:
        return None
    else:
        value = canonical_page_value(values[0])
        if value is None or (value and value == values[0]):
            return None  # the view answers it, or it is the page's own address
    query = request.GET.copy()
    if value:
        query[PAGE_PARAMETER] = value
    else:
        del query[PAGE_PARAMETER]
    return request.path + (f"?{query.urlencode()}" if query else "")


class CanonicalPageNumberMiddleware:
    """Redirects a page number in any other spelling, or on a page without numbered pages, to
    the page's one address. Above the page cache: such a request costs no render."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and PAGE_PARAMETER in request.GET:
            target = canonical_address(request)
            if target is not None:
                response = HttpResponsePermanentRedirect(target)
                # Not kept by Varnish or a CDN either: junk addresses must not fill their storage.
                patch_cache_control(response, private=True, no_store=True)
                return response
        return self.get_response(request)
