"""Posting a comment, answering one, and the confirmation afterwards."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.articles.models import Article
from newsdesk.articles.views import article_context

from .forms import CommentForm
from .models import Comment
from .services import post_comment


# Exempt from CSRF on purpose: readers post anonymously, so a forged post could do nothing a
# bot could not do directly, and a CSRF token would make every article page uncacheable.
# Bots are met by the honeypot here and the rate limits and rules of the moderation layer.
@csrf_exempt
@require_POST
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    if not article.comments_open:
        return render(request, "comments/closed.html", {"article": article}, status=403)
    form = CommentForm(request.POST, article=article)
    if form.is_bot:
        # Looks accepted, so the bot learns nothing.
        return redirect("comments:thanks", article_id=article.pk)
    if not form.is_valid():
        context = article_context(article)
        context["comment_form"] = form
        return render(request, "articles/article_detail.html", context, status=400)
    post_comment(
        article,
        author_name=form.cleaned_data["author_name"],
        author_email=form.cleaned_data["author_email"],
        body=form.cleaned_data["body"],
        parent=form.cleaned_data["parent"],
    )
    return redirect("comments:thanks", article_id=article.pk)


def reply(request: HttpRequest, article_id: int, comment_id: int) -> HttpResponse:
    """A page with the comment and a form to answer it, so replies work without JavaScript."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    parent = get_object_or_404(Comment.objects.approved(), pk=comment_id, article=article)
    form = CommentForm(initial={"parent": parent.pk}, article=article)
    return render(
        request, "comments/reply.html", {"article": article, "parent": parent, "comment_form": form}
    )


def thanks(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    return render(request, "comments/thanks.html", {"article": article})
