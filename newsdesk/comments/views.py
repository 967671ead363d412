"""Posting a comment, answering and reporting one, and the reply-notification links."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.articles.models import Article
from newsdesk.articles.views import article_context
from newsdesk.core import ratelimit

from . import notifications
from .forms import (
    CommentForm,
    ReportForm,
    form_timestamp,
    strip_control_characters,
    timestamp_reasons,
)
from .models import MAX_COMMENT_LENGTH, Comment
from .services import CommentRefused, post_comment, report_comment, reporter_key
from .threads import comment_state


def _sent_text(request: HttpRequest) -> str:
    """The comment text as posted, cleaned and capped, to hand back when it is not stored."""
    return strip_control_characters(request.POST.get("body", ""))[:MAX_COMMENT_LENGTH].strip()


def _comment_limit_response(request: HttpRequest, rate: ratelimit.Rate) -> HttpResponse:
    return ratelimit.too_many_requests(
        request,
        _(
            "Sie haben in kurzer Zeit zu viele Kommentare geschickt. "
            "Ihr letzter wurde nicht gespeichert."
        ),
        rate.window,
        sent_text=_sent_text(request),
    )


# Exempt from CSRF on purpose: readers post anonymously, so a forged post could do nothing a
# bot could not do directly, and a CSRF token would make every article page uncacheable.
# Bots are met by the honeypot, the signed form timestamp, the rate limits and the rules.
@csrf_exempt
@require_POST
@never_cache
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    # Every attempt counts against the client's address, valid or not, before any other work.
    rate = ratelimit.Rate.parse(settings.NEWSDESK_COMMENT_RATE)
    if ratelimit.exceeded("comment-ip", [ratelimit.client_key(request)], rate):
        return _comment_limit_response(request, rate)
    if comment_state(article).closed:
        # The page may have shown the form from before closing: hand the text back to copy.
        context = {"article": article, "sent_text": _sent_text(request)}
        return render(request, "comments/closed.html", context, status=403)
    form = CommentForm(request.POST, article=article)
    if form.is_bot:
        # Looks accepted, so the bot learns nothing.
        return redirect("comments:thanks", article_id=article.pk)
    if form.is_valid():
        email = form.cleaned_data["author_email"]
        if ratelimit.exceeded("comment-email", [email], rate):
            return _comment_limit_response(request, rate)
        try:
            comment = post_comment(
                article,
                author_name=form.cleaned_data["author_name"],
                author_email=email,
                body=form.cleaned_data["body"],
                parent=form.cleaned_data["parent"],
                notify=form.cleaned_data["notify"],
                form_reasons=timestamp_reasons(form.cleaned_data["ts"]),
            )
        except CommentRefused as refusal:
            form.add_error("body", str(refusal))
        else:
            response = redirect("comments:thanks", article_id=article.pk)
            if comment.status == Comment.Status.APPROVED:
                response["Location"] += f"?veroeffentlicht={comment.pk}"
            return response
    context = article_context(article)
    context["comment_form"] = form
    return render(request, "articles/article_detail.html", context, status=400)


@never_cache
def timestamp(request: HttpRequest) -> JsonResponse:
    """A fresh signed form timestamp, fetched when a reader starts writing.

    Article pages are cached (and baked) for long, so the time stamp rendered into them can be
    hours old; the script on the page asks here when the reader first focuses the form. Without
    JavaScript the rendered one stands, and a comment from a very old page waits for review.
    """
    return JsonResponse({"ts": form_timestamp()})


def reply(request: HttpRequest, article_id: int, comment_id: int) -> HttpResponse:
    """A page with the comment and a form to answer it, so replies work without JavaScript."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    parent = get_object_or_404(Comment.objects.approved(), pk=comment_id, article=article)
    if comment_state(article).closed:
        return render(request, "comments/closed.html", {"article": article}, status=403)
    form = CommentForm(initial={"parent": parent.pk}, article=article)
    return render(
        request,
        "comments/reply.html",
        {"article": article, "parent": parent, "comment_form": form, "comments_open": True},
    )


def thanks(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    comment_id = request.GET.get("veroeffentlicht", "")
    published = (
        Comment.objects.approved().filter(pk=int(comment_id), article=article).first()
        if comment_id.isdigit() and len(comment_id) < 12
        else None
    )
    back = f"{article.get_absolute_url()}#kommentare"
    if published is not None:
        # The reader's browser may keep the article page for a minute (NEWSDESK_BROWSER_MAX_AGE)
        # from before the comment: an address it has not kept shows the page with the comment.
        back = f"{article.get_absolute_url()}?kommentar={published.pk}#kommentar-{published.pk}"
    return render(
        request,
        "comments/thanks.html",
        {"article": article, "published": published is not None, "back_url": back},
    )


@csrf_exempt  # same reasoning as posting: anonymous, rate-limited, once per reader
@never_cache
def report(request: HttpRequest, article_id: int, comment_id: int) -> HttpResponse:
    """Readers flag a published comment; it stays visible and enters the reported queue."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    comment = get_object_or_404(Comment.objects.approved(), pk=comment_id, article=article)
    context = {"article": article, "comment": comment}
    if request.method != "POST":
        context["form"] = ReportForm()
        return render(request, "comments/report.html", context)
    rate = ratelimit.Rate.parse(settings.NEWSDESK_REPORT_RATE)
    client = ratelimit.client_key(request)
    if ratelimit.exceeded("report-ip", [client], rate):
        return ratelimit.too_many_requests(
            request, _("Sie haben in kurzer Zeit zu viele Meldungen geschickt."), rate.window
        )
    form = ReportForm(request.POST)
    if not form.is_valid():
        context["form"] = form
        return render(request, "comments/report.html", context, status=400)
    created = report_comment(
        comment,
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
        reporter=reporter_key(client),
    )
    context["repeated"] = not created
    return render(request, "comments/reported.html", context)


@never_cache
def confirm_notifications(request: HttpRequest, token: str) -> HttpResponse:
    email = notifications.email_from_token(token, confirm=True)
    if email is None:
        return render(request, "comments/notifications.html", {"state": "invalid"}, status=400)
    notifications.confirm(email)
    return render(request, "comments/notifications.html", {"state": "confirmed"})


@csrf_exempt  # mail programs post here for one-click unsubscribe (RFC 8058), without a session
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button (link scanners must not unsubscribe anyone); POST unsubscribes."""
    email = notifications.email_from_token(token, confirm=False)
    if email is None:
        return render(request, "comments/notifications.html", {"state": "invalid"}, status=400)
    if request.method == "POST":
        notifications.unsubscribe(email)
        return render(request, "comments/notifications.html", {"state": "unsubscribed"})
    return render(request, "comments/notifications.html", {"state": "ask", "token": token})
