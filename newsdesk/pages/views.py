from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from markdown_it import MarkdownIt

from newsdesk.core.markup import sanitize_html
from newsdesk.pagecache.dependencies import record

from .models import Page

# Standing pages (Impressum, Datenschutz) are written line by line: an address, a phone number
# and an e-mail address each keep their own line instead of running together.
_page_markdown = MarkdownIt("commonmark", {"html": True, "breaks": True})


@lru_cache(maxsize=64)
def render_page_body(text: str) -> str:
    return sanitize_html(_page_markdown.render(text))


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug)
    record(page)
    return render(
        request, "pages/detail.html", {"page": page, "body_html": render_page_body(page.body)}
    )
