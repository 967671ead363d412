"""Tiny views for the page cache's own tests: each counts its renders."""

from collections import Counter

from django.http import HttpResponse
from django.urls import path

from newsdesk.core.pagination import paginated
from newsdesk.pagecache.dependencies import record

renders: Counter = Counter()


def shows(*keys, set_cookie=False, delay=0.0):
    def view(request):
        import time

        renders[request.path] += 1
        if delay:
            time.sleep(delay)
        record(*keys)
        response = HttpResponse(
            f"<html><body>{request.path} {' '.join(keys)} " + "Inhalt " * 200 + "</body></html>"
        )
        if set_cookie:
            response.set_cookie("tracking", "1")
        return response

    return view


urlpatterns = [
    path("artikel-a/", shows("article-1", "topic-1")),
    path("liste/", paginated(shows("topic-1"))),
    path("artikel-b/", shows("article-2", "topic-1")),
    path("ohne-schluessel/", shows()),
    path("mit-cookie/", shows("article-1", set_cookie=True)),
    path("langsam/", shows("article-3", delay=0.3)),
]
