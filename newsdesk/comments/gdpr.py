"""GDPR requests for one e-mail address: everything we hold about it, and its erasure.

Readers have no accounts; the e-mail address is what ties their comments together. Reports
store only a keyed hash of the reporter's address, which cannot be traced back to a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import Comment, ModerationSettings, ReplyConsent

ERASED_NAME = "gelöscht"
ERASED_BODY = "Dieser Kommentar wurde gelöscht."


def export_email(email: str) -> dict:
    """All personal data stored for ``email``, as a JSON-ready dictionary."""
    comments = Comment.objects.by_email(email).select_related("article").order_by("created_at")
    consent = ReplyConsent.objects.filter(email__iexact=email).first()
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": c.pk,
                "article": c.article.headline,
                "article_url": c.article.get_absolute_url(),
                "in_reply_to": c.parent_id,
                "name": c.author_name,
                "email": c.author_email,
                "text": c.body,
                "status": c.status,
                "written_at": c.created_at.isoformat(),
                "notify_on_reply": c.notify_on_reply,
            }
            for c in comments
        ],
        "reply_notifications": {
            "requested_at": consent.requested_at.isoformat() if consent else None,
            "confirmed_at": (
                consent.confirmed_at.isoformat() if consent and consent.confirmed_at else None
            ),
        },
    }


@dataclass
class ErasureResult:
    anonymised: int = 0
    removed: int = 0


@transaction.atomic
def erase_email(email: str, mode: str | None = None) -> ErasureResult:
    """Erase ``email`` everywhere: comments anonymised or removed as the site chooses.

    A removed comment that others answered is anonymised instead, so their replies keep their
    place; nothing of the person (name, address, text) is left either way.
    """
    mode = mode or ModerationSettings.load().erasure
    result = ErasureResult()
    ReplyConsent.objects.filter(email__iexact=email).delete()
    comments = list(Comment.objects.by_email(email).select_for_update())
    _clear_newsroom_history(comments)
    for comment in comments:
        foreign_replies = comment.replies.exclude(author_email__iexact=email).exists()
        if mode == ModerationSettings.Erasure.REMOVE and not foreign_replies:
            comment.delete()
            result.removed += 1
            continue
        comment.author_name = ERASED_NAME
        comment.author_email = ""
        comment.body = ERASED_BODY
        comment.notify_on_reply = False
        comment.is_pick = False
        comment.erased = True
        comment.save()
        comment.reports.all().delete()  # reporters' notes may quote the erased text
        result.anonymised += 1
    return result


def _clear_newsroom_history(comments: list[Comment]) -> None:
    """The newsroom's history names each comment it logged by ``str(comment)``: name and the
    start of the text. Those entries keep their place (who moderated when) without either."""
    if not comments:
        return
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[str(comment.pk) for comment in comments],
    ).update(object_repr=f"{ERASED_NAME}: {ERASED_BODY}"[:200])
