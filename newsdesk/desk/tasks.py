"""Newsroom mails go out from the task queue: a slow mail server holds up no editor's save,
and a mail that could not be sent is tried again, each sent once."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from newsdesk.taskqueue.mail import send_or_raise
from newsdesk.taskqueue.queue import run_once, task

from .models import Notice


def notice_mail(notice: Notice) -> EmailMessage:
    context = {
        "notice": notice,
        "link": settings.NEWSDESK_BASE_URL + notice.url,
        "site_name": settings.NEWSDESK_SITE_NAME,
    }
    subject = _("%(site)s Newsroom: %(kind)s – %(headline)s") % {
        "site": settings.NEWSDESK_SITE_NAME,
        "kind": notice.get_kind_display(),
        "headline": notice.article.headline,
    }
    body = render_to_string("desk/email/notice.txt", context)
    return EmailMessage(
        " ".join(subject.split())[:200], body, settings.DEFAULT_FROM_EMAIL, [notice.recipient.email]
    )


def _send(notice: Notice) -> None:
    send_or_raise(notice_mail(notice).send)


@task(retry_delay=60)
def mail_notice(notice_id: int) -> None:
    """Send notice ``notice_id`` by e-mail, once; not if it was seen in the newsroom already."""
    notice = Notice.objects.select_related("recipient", "article").filter(pk=notice_id).first()
    if notice is None or notice.seen_at is not None or not notice.recipient.email:
        return
    run_once(f"desk.notice-mail:{notice_id}", lambda: _send(notice))
