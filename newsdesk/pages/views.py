from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsdesk.core.markup import render_markdown
from newsdesk.pagecache.dependencies import record

from .models import Page


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug)
    record(page)
    return render(
        request, "pages/detail.html", {"page": page, "body_html": render_markdown(page.body)}
    )
