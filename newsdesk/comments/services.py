"""Writes for comments: posting, moderating, reporting, picks and the newsroom's own replies.

Every write saves row by row, never with ``update()``: each save tells the page cache which
article page to render anew (``publishing/follow.py``).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.taskqueue.queue import enqueue_on_commit

from . import tasks
from .models import Comment, CommentReport, ModerationSettings
from .rules import Verdict, assess


class CommentRefused(Exception):
    """A rule refuses the comment; the message is for the reader."""


@transaction.atomic
def post_comment(
    article: Article,
    *,
    author_name: str,
    author_email: str,
    body: str,
    parent: Comment | None = None,
    notify: bool = False,
    form_reasons: list[str] | None = None,
) -> Comment:
    """Store a reader's comment, published or held as the rules decide.

    Raises CommentRefused (nothing stored) for a banned word or e-mail domain.
    """
    site = ModerationSettings.load()
    verdict: Verdict = assess(
        article, author_email=author_email, body=body, site=site, form_reasons=form_reasons
    )
    if verdict.refused:
        raise CommentRefused(verdict.refused)
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        author_name=author_name,
        author_email=author_email,
        body=body,
        status=Comment.Status.PENDING if verdict.held else Comment.Status.APPROVED,
        hold_reasons=",".join(str(reason) for reason in verdict.reasons),
        notify_on_reply=notify,
    )
    if notify:
        enqueue_on_commit(tasks.request_consent, author_email)
    if comment.status == Comment.Status.APPROVED:
        enqueue_on_commit(tasks.notify_parent_author, comment.pk)
        _tell_subscribers(comment)
    return comment


def _tell_subscribers(comment: Comment) -> None:
    """Webhook subscribers learn of a comment readers can now see (sent after the commit)."""
    from newsdesk.api.models import WebhookSubscription
    from newsdesk.api.webhooks import emit

    emit(WebhookSubscription.Event.COMMENT_APPROVED, comment)


@transaction.atomic
def moderate_comments(comments, status: str, moderator) -> int:
    """Approve, reject or mark as spam; returns how many changed.

    A moderator's decision also settles the readers' reports: an approved comment leaves the
    reported queue, and so does a removed one.
    """
    changed = Comment.objects.select_for_update().filter(pk__in=[c.pk for c in comments])
    now = timezone.now()
    count = 0
    approved: list[Comment] = []
    for comment in changed:
        if comment.status == status and not comment.open_reports:
            continue
        was_public = comment.status == Comment.Status.APPROVED
        comment.status, comment.moderated_at, comment.moderated_by = status, now, moderator
        comment.open_reports = 0
        if status != Comment.Status.APPROVED:
            comment.is_pick = False
        comment.save(
            update_fields=["status", "moderated_at", "moderated_by", "open_reports", "is_pick"]
        )
        if status == Comment.Status.APPROVED and not was_public:
            approved.append(comment)
        count += 1
    for comment in approved:
        enqueue_on_commit(tasks.notify_parent_author, comment.pk)
        _tell_subscribers(comment)
    return count


@transaction.atomic
def set_pick(comments, picked: bool, moderator) -> int:
    """Mark approved comments as editor's picks ("Redaktionsempfehlung"), or unmark them."""
    count = 0
    rows = Comment.objects.select_for_update().filter(pk__in=[c.pk for c in comments])
    for comment in rows.approved().exclude(is_pick=picked):
        comment.is_pick = picked
        comment.moderated_at, comment.moderated_by = timezone.now(), moderator
        comment.save(update_fields=["is_pick", "moderated_at", "moderated_by"])
        count += 1
    return count


@transaction.atomic
def staff_comment(article: Article, user, body: str, parent: Comment | None = None) -> Comment:
    """The newsroom comments or answers: published at once, with the staff badge."""
    name = user.get_full_name() or user.get_username()
    comment = Comment.objects.create(
        article=article,
        parent=(parent.parent or parent) if parent else None,
        author_name=name,
        author_email=user.email or "",
        body=body,
        status=Comment.Status.APPROVED,
        staff_author=user,
        moderated_at=timezone.now(),
        moderated_by=user,
    )
    if parent is not None:
        enqueue_on_commit(tasks.notify_parent_author, comment.pk)
    _tell_subscribers(comment)
    return comment


def reporter_key(client: str) -> str:
    """A keyed hash of the reader's address: recognises a second report, reveals no address."""
    return hmac.new(settings.SECRET_KEY.encode(), client.encode(), hashlib.sha256).hexdigest()


def report_comment(comment: Comment, *, reason: str, note: str, reporter: str) -> bool:
    """Record a reader's report once per reader; the comment stays visible. False if repeated."""
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, reason=reason, note=note, reporter=reporter
            )
            # F(): fifty readers reporting at once must count fifty, not one.
            Comment.objects.filter(pk=comment.pk).update(open_reports=F("open_reports") + 1)
    except IntegrityError:
        return False
    return True
