"""Reader mails go out from the task queue: a slow or unreachable mail server neither holds
up the reader who comments nor loses the mail (it is retried, and each goes out once)."""

from __future__ import annotations

from newsdesk.taskqueue.mail import send_or_raise as _send_or_raise
from newsdesk.taskqueue.queue import run_once, task

from . import notifications
from .models import Comment


@task(retry_delay=60)
def request_consent(email: str) -> None:
    """The double opt-in mail (at most one a day per address, decided by notifications)."""
    _send_or_raise(lambda: notifications.request_consent(email, raise_errors=True))


@task(retry_delay=60)
def notify_parent_author(reply_id: int) -> None:
    """Tell the parent comment's author about the reply ``reply_id``, once."""
    reply = Comment.objects.select_related("parent", "article").filter(pk=reply_id).first()
    if reply is None:
        return  # deleted before the mail went out: nothing to tell
    run_once(
        f"comments.reply-mail:{reply_id}",
        lambda: _send_or_raise(
            lambda: notifications.notify_parent_author(reply, raise_errors=True)
        ),
    )
