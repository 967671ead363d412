"""Reader mails leave from the task queue: a mail server that is down delays a mail, never
loses or doubles it, and never slows down the reader who comments."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.comments import services
from newsdesk.comments.models import Comment, ReplyConsent
from newsdesk.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def reply_to_a_subscribed_reader() -> Comment:
    parent = CommentFactory(author_email="a@example.org", notify_on_reply=True)
    ReplyConsent.objects.create(email="a@example.org", confirmed_at=timezone.now())
    reply = CommentFactory(
        parent=parent, article=parent.article, status=Comment.Status.PENDING, body="Danke!"
    )
    services.moderate_comments([reply], Comment.Status.APPROVED, moderator=None)
    return reply


def test_a_reply_mail_waits_in_the_queue_instead_of_the_readers_request(real_queue):
    reply_to_a_subscribed_reader()
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path__endswith="notify_parent_author").count() == 1
    real_queue.drain()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_a_mail_the_server_refused_goes_out_once_on_a_later_attempt(real_queue, monkeypatch):
    reply = reply_to_a_subscribed_reader()

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        real_queue.drain()
    task = DBTaskResult.objects.get(task_path__endswith="notify_parent_author")
    assert task.status == TaskResultStatus.READY
    assert "MailNotSent" in task.exception_class_path
    assert mail.outbox == []

    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    real_queue.drain()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]

    # Run again (as after a worker lost mid-task): the mail is not sent a second time.
    from newsdesk.comments.tasks import notify_parent_author

    notify_parent_author.call(reply.pk)
    assert len(mail.outbox) == 1


def test_a_consent_request_the_server_refused_is_sent_on_retry(real_queue, monkeypatch):
    article = CommentFactory().article

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    services.post_comment(
        article, author_name="Petra", author_email="p@example.org", body="Hallo", notify=True
    )
    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        real_queue.drain()
    assert not ReplyConsent.objects.filter(email="p@example.org").exists()
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    real_queue.drain()
    assert [m.to for m in mail.outbox] == [["p@example.org"]]
    assert ReplyConsent.objects.filter(email="p@example.org").exists()
