"""Reply notifications with double opt-in and one-click unsubscribe.

A reader who ticks "notify me" gets one e-mail asking to confirm; only a confirmed address
ever hears of replies. Every notification carries an unsubscribe link and the
``List-Unsubscribe``/``List-Unsubscribe-Post`` headers, so mail programs offer one click.
Mail goes through Django's mail settings (console backend unless configured otherwise).
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Comment, ReplyConsent
from .rules import LINK

logger = logging.getLogger(__name__)

CONFIRM_SALT = "newsdesk.comments.confirm-notifications"
UNSUBSCRIBE_SALT = "newsdesk.comments.unsubscribe"
CONFIRM_MAX_AGE = 7 * 86400  # a week to click the confirmation link
RESEND_AFTER = timedelta(days=1)


def _absolute(path: str) -> str:
    return f"{settings.NEWSDESK_BASE_URL}{path}"


def confirm_url(email: str) -> str:
    token = signing.dumps(email, salt=CONFIRM_SALT)
    return _absolute(reverse("comments:confirm_notifications", args=[token]))


def unsubscribe_url(email: str) -> str:
    token = signing.dumps(email, salt=UNSUBSCRIBE_SALT)
    return _absolute(reverse("comments:unsubscribe", args=[token]))


def email_from_token(token: str, *, confirm: bool) -> str | None:
    try:
        if confirm:
            return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def _send(
    subject: str, template: str, context: dict, to: str, unsubscribe: bool, raise_errors: bool
) -> None:
    context = {**context, "site_name": settings.NEWSDESK_SITE_NAME}
    headers = {}
    if unsubscribe:
        link = unsubscribe_url(to)
        context["unsubscribe_url"] = link
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    body = render_to_string(template, context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    try:
        message.send()
    except Exception:
        if raise_errors:
            raise  # the task queue tries again later
        # A mail server hiccup must not undo a stored comment; the reader can ask again.
        logger.exception("Could not send %s to a reader", template)


def request_consent(email: str, raise_errors: bool = False) -> None:
    """Ask an address to confirm reply notifications, unless it already has.

    At most one request a day: someone typing a stranger's address into the form must not
    become a way to flood that inbox. With ``raise_errors`` a mail that could not be sent
    raises and leaves no record of the request, so a retry sends it.
    """
    with transaction.atomic():
        consent, created = ReplyConsent.objects.get_or_create(email=email)
        if consent.confirmed_at:
            return
        if not created:
            if consent.requested_at > timezone.now() - RESEND_AFTER:
                return
            consent.requested_at = timezone.now()
            consent.save(update_fields=["requested_at"])
        _send(
            _("%(site)s: Benachrichtigungen bestätigen") % {"site": settings.NEWSDESK_SITE_NAME},
            "comments/email/confirm.txt",
            {"confirm_url": confirm_url(email)},
            email,
            unsubscribe=False,
            raise_errors=raise_errors,
        )


def confirm(email: str) -> None:
    consent, _created = ReplyConsent.objects.get_or_create(email=email)
    if not consent.confirmed_at:
        consent.confirmed_at = timezone.now()
        consent.save(update_fields=["confirmed_at"])


def unsubscribe(email: str) -> None:
    """No more notifications to this address, for any comment; the consent is gone."""
    ReplyConsent.objects.filter(email__iexact=email).delete()
    for comment in Comment.objects.by_email(email).filter(notify_on_reply=True):
        comment.notify_on_reply = False
        comment.save(update_fields=["notify_on_reply"])


# The mail goes out from the site's own address: what a reader chose to write in it must not
# read as the site's word. The name is short and carries no link; the reply's text carries
# none either (the reader follows the link to the article to see it whole).
MAIL_NAME_CHARS = 80
MAIL_EXCERPT_CHARS = 600


# Besides what the comment rules count as a link, any host name a mail program would link
# ("evil.example", "konto.example/login").
MAIL_LINK = re.compile(LINK.pattern + r"|(?<![\w.-])(?:[\w-]++\.)++[^\W\d_]{2,}\b(?:/\S*)?", re.I)


def _without_links(text: str, replacement: str) -> str:
    return " ".join(MAIL_LINK.sub(replacement, text).split())


def mail_name(name: str) -> str:
    cleaned = _without_links(name, "")
    if len(cleaned) > MAIL_NAME_CHARS:
        cleaned = cleaned[: MAIL_NAME_CHARS - 1].rstrip() + "…"
    return cleaned or _("Ein Leser")


def mail_excerpt(body: str) -> str:
    cleaned = _without_links(body, _("[Link entfernt]"))
    if len(cleaned) > MAIL_EXCERPT_CHARS:
        cleaned = cleaned[: MAIL_EXCERPT_CHARS - 1].rstrip() + "…"
    return cleaned


def notify_parent_author(reply: Comment, raise_errors: bool = False) -> None:
    """Tell the parent's author about a published reply, if they opted in and confirmed."""
    parent = reply.parent
    if parent is None or reply.status != Comment.Status.APPROVED:
        return
    to = parent.author_email
    if not (parent.notify_on_reply and to) or to.lower() == (reply.author_email or "").lower():
        return
    if not ReplyConsent.objects.filter(email__iexact=to, confirmed_at__isnull=False).exists():
        return
    link = _absolute(f"{reply.article.get_absolute_url()}#kommentar-{reply.pk}")
    _send(
        _("%(site)s: Antwort auf Ihren Kommentar") % {"site": settings.NEWSDESK_SITE_NAME},
        "comments/email/reply.txt",
        {
            "parent": parent,
            "reply": reply,
            "name": mail_name(reply.author_name),
            "excerpt": mail_excerpt(reply.body),
            "article": reply.article,
            "link": link,
        },
        to,
        unsubscribe=True,
        raise_errors=raise_errors,
    )
