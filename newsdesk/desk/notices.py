"""Notices to newsroom users: shown in the newsroom until seen, and sent by e-mail.

The Redaktion hears of every article submitted for review and every correction an Autor
proposes; the Autor hears what became of her proposal. A notice is kept per user and key: the
same version submitted again (back to draft and in again, unchanged) tells nobody twice. Mails
go out from the task queue once the change commits (``desk.tasks.mail_notice``), through
Django's mail settings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article
from newsdesk.newsroom.groups import EDITOR
from newsdesk.taskqueue.queue import enqueue_on_commit

from .models import CorrectionProposal, Notice

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Fields whose change makes a submitted article a new version for the Redaktion.
_NOT_CONTENT = {"status", "published_at"}


def redaktion_members(besides: User | None = None) -> QuerySet:
    """Active newsroom accounts in the Redaktion group, without ``besides``."""
    members = get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=EDITOR)
    if besides is not None:
        members = members.exclude(pk=besides.pk)
    return members.distinct().order_by("pk")


def fingerprint(data: dict) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _name(user: User | None) -> str:
    if user is None:
        return _("Jemand")
    return user.get_full_name() or user.get_username()


def _send(
    recipients: Iterable[User],
    kind: str,
    article: Article,
    actor: User | None,
    text: str,
    url: str,
    key: str,
) -> list[Notice]:
    from . import tasks

    created = []
    for user in recipients:
        notice, made = Notice.objects.get_or_create(
            recipient=user,
            key=key,
            defaults={"kind": kind, "article": article, "actor": actor, "text": text, "url": url},
        )
        if made:
            created.append(notice)
            if user.email:
                enqueue_on_commit(tasks.mail_notice, notice.pk)
    return created


def article_submitted(article: Article, user: User | None) -> list[Notice]:
    """Tell the Redaktion that ``user`` submitted ``article`` for review."""
    from newsdesk.articles.services import snapshot

    content = {k: v for k, v in snapshot(article).items() if k not in _NOT_CONTENT}
    content = {k: v for k, v in content.items() if k not in ("authors", "topics", "products")}
    return _send(
        redaktion_members(besides=user),
        Notice.Kind.SUBMITTED,
        article,
        user,
        _("%(who)s hat „%(headline)s“ zur Prüfung eingereicht.")
        % {"who": _name(user), "headline": article.headline},
        reverse("admin:articles_article_change", args=[article.pk]),
        f"submitted:{article.pk}:{fingerprint(content)}",
    )


def correction_proposed(proposal: CorrectionProposal) -> list[Notice]:
    """Tell the Redaktion of a correction to review (once per proposed text)."""
    article = proposal.article
    return _send(
        redaktion_members(besides=proposal.proposed_by),
        Notice.Kind.CORRECTION,
        article,
        proposal.proposed_by,
        _("%(who)s schlägt eine Korrektur für „%(headline)s“ vor.")
        % {"who": _name(proposal.proposed_by), "headline": article.headline},
        reverse("admin:articles_article_correction", args=[article.pk, proposal.pk]),
        f"correction:{article.pk}:{fingerprint(proposal.data)}",
    )


def correction_decided(proposal: CorrectionProposal) -> list[Notice]:
    """Tell the Autor what the Redaktion did with her proposal."""
    article = proposal.article
    values = {"who": _name(proposal.reviewed_by), "headline": article.headline}
    if proposal.status == CorrectionProposal.Status.PUBLISHED:
        kind = Notice.Kind.CORRECTION_PUBLISHED
        text = _("%(who)s hat Ihre Korrektur für „%(headline)s“ veröffentlicht.") % values
    else:
        kind = Notice.Kind.CORRECTION_REJECTED
        text = _("%(who)s hat Ihre Korrektur für „%(headline)s“ abgelehnt: %(reason)s") % {
            **values,
            "reason": proposal.reason,
        }
    return _send(
        [proposal.proposed_by],
        kind,
        article,
        proposal.reviewed_by,
        text[:500],
        reverse("admin:articles_article_change", args=[article.pk]),
        f"correction-decided:{proposal.pk}",
    )


def unseen_count(request) -> int:
    """How many notices the signed-in editor has not seen: counted once per request (the
    header asks on every newsroom page, the start page and the notice list ask again)."""
    if not hasattr(request, "_newsdesk_unseen_notices"):
        request._newsdesk_unseen_notices = unseen(request.user).count()
    return request._newsdesk_unseen_notices


def unseen(user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient=user, seen_at=None).select_related("article")


def mark_seen(user: User, pk: int | None = None) -> int:
    """Mark one notice (or all) of ``user`` as seen; returns how many."""
    notices = Notice.objects.filter(recipient=user, seen_at=None)
    if pk is not None:
        notices = notices.filter(pk=pk)
    return notices.update(seen_at=timezone.now())


def seen_page(user: User, path: str) -> int:
    """The user opened ``path``: notices leading there are seen."""
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=user, url=path, seen_at=None).update(
        seen_at=timezone.now()
    )
