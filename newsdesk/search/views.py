"""The search page and the suggest endpoint; neither is stored by the page cache."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from newsdesk.core.pagination import paginate, paginated
from newsdesk.pagecache import fragments
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys

from . import service
from .forms import SearchForm
from .indexing import plain_text
from .snippets import snippet

PER_PAGE = 20


@paginated(keeps=SearchForm.base_fields)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    text = form.query() if form.is_bound else ""
    results = service.search(text, form.filters()) if text and form.is_valid() else None
    page = paginate(request, results.ranked if results else [], per_page=PER_PAGE)
    terms = results.query.terms() if results else set()
    items = [
        {
            "article": result.article,
            "snippet": snippet(f"{result.article.teaser} {plain_text(result.article.body)}", terms),
        }
        for result in service.SearchResults.articles_for(list(page.object_list))
    ]
    record(*(item["article"] for item in items))
    tickers = results.tickers if results else []
    record(*tickers)
    # The filters (every topic and author as a choice) are kept as a fragment per choice made,
    # while no topic or author was added, changed or removed: each of those moves the key of
    # its sitemap section (newsdesk.publishing.follow.sitemap_keys).
    # Named from the validated choice only: raw values would let any address write an entry.
    filters_fragment = ""
    if not form.is_bound or form.is_valid():
        cleaned = getattr(form, "cleaned_data", {})
        chosen = [
            (name, getattr(cleaned.get(name), "pk", cleaned.get(name)) or "")
            for name in form.fields
            if name != "q"
        ]
        filters_fragment = fragments.name_for("search-filters", urlencode(chosen))
    response = render(
        request,
        "search/search.html",
        {
            "filters_fragment": filters_fragment,
            "filter_keys": [keys.sitemap_section("themen"), keys.sitemap_section("autoren")],
            "form": form,
            "text": text,
            "results": results,
            "page": page,
            "items": items,
            "tickers": tickers,
            "did_you_mean_url": "?" + urlencode({"q": results.did_you_mean})
            if results is not None
            else "",
        },
    )
    # Result pages are no documents of their own for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def suggest(request: HttpRequest) -> JsonResponse:
    text = (request.GET.get("q") or "")[:100]
    response = JsonResponse({"query": text, "suggestions": service.suggest(text)})
    response["X-Robots-Tag"] = "noindex"
    return response
