"""The preview behind a signed link: for reviewers without a newsroom login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from newsdesk.articles.models import Article
from newsdesk.newsroom.views import preview_response
from newsdesk.security.middleware import newsroom_policy

from .previews import LinkExpired, article_for_token


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    try:
        article = article_for_token(token)
    except LinkExpired:
        response = TemplateResponse(request, "desk/preview_link_gone.html", {"expired": True})
        response.status_code = 410
        return _private(response)
    except Article.DoesNotExist:
        response = TemplateResponse(request, "desk/preview_link_gone.html", {"expired": False})
        response.status_code = 404
        return _private(response)
    if Article.objects.published().filter(pk=article.pk).exists():
        # Readers see it now: the link leads to the real page.
        return _private(HttpResponseRedirect(article.get_absolute_url()))
    response = preview_response(request, article)
    # The preview banner is styled inline, as in the newsroom.
    response["Content-Security-Policy"] = newsroom_policy()
    return response
