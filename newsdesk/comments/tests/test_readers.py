"""Reader-side features: reports, reply notifications with double opt-in, GDPR requests."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments import gdpr
from newsdesk.comments.models import Comment, CommentReport, ModerationSettings, ReplyConsent
from newsdesk.comments.notifications import MAIL_NAME_CHARS, notify_parent_author
from newsdesk.comments.tests.conftest import post_comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.newsroom.groups import MODERATOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db


def report_url(comment: Comment) -> str:
    return reverse("comments:report", args=[comment.article_id, comment.pk])


# Reports --------------------------------------------------------------------------------------


def test_report_page_has_reasons_and_no_index(client):
    comment = CommentFactory(body="Fragwürdig")
    html = client.get(report_url(comment)).content.decode()
    assert "Beleidigung oder Hetze" in html and "Fragwürdig" in html
    assert '<meta name="robots" content="noindex">' in html


def test_report_keeps_the_comment_visible_and_fills_the_reported_queue(client):
    comment = CommentFactory(body="Sichtbar trotz Meldung")
    response = client.post(report_url(comment), {"reason": "abuse", "note": "Beleidigend"})
    assert "Danke für Ihre Meldung!" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.open_reports == 1
    assert (
        "Sichtbar trotz Meldung" in client.get(comment.article.get_absolute_url()).content.decode()
    )
    assert list(Comment.objects.reported()) == [comment]


def test_one_report_per_reader(client):
    comment = CommentFactory()
    client.post(report_url(comment), {"reason": "spam"})
    again = client.post(report_url(comment), {"reason": "abuse"})
    assert "Ihre Meldung liegt uns bereits vor." in again.content.decode()
    assert CommentReport.objects.count() == 1
    comment.refresh_from_db()
    assert comment.open_reports == 1


def test_report_without_reason_gets_a_german_error(client):
    response = client.post(report_url(CommentFactory()), {"reason": "", "note": "x"})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not CommentReport.objects.exists()


def test_pending_comments_cannot_be_reported(client):
    comment = CommentFactory(status=Comment.Status.PENDING)
    assert client.post(report_url(comment), {"reason": "spam"}).status_code == 404


# Reply notifications ------------------------------------------------------------------------


def link_in(message, name: str) -> str:
    return re.search(
        rf"http://testserver(/kommentare/benachrichtigungen/{name}/[^/\s]+/)", message.body
    ).group(1)


def test_double_opt_in_then_reply_mail_with_one_click_unsubscribe(
    client, open_site, django_capture_on_commit_callbacks
):
    article = ArticleFactory(headline="Router im Test")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, body="Welcher Router?", notify="on")
    parent = Comment.objects.get()
    assert len(mail.outbox) == 1
    assert "bestätigen" in mail.outbox[0].subject
    # Before confirming, a reply sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(
            client, article, author_email="b@example.org", body="Der blaue", parent=parent.pk
        )
    assert len(mail.outbox) == 1
    confirm = client.get(link_in(mail.outbox[0], "bestaetigen"))
    assert "Benachrichtigungen bestätigt" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(
            client, article, author_email="c@example.org", body="Der rote", parent=parent.pk
        )
    assert len(mail.outbox) == 2
    note = mail.outbox[1]
    assert note.to == ["petra@example.org"]
    assert "Der rote" in note.body and "Router im Test" in note.body
    assert note.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = link_in(note, "abbestellen")
    # GET only asks (link scanners must not unsubscribe); POST, as mail programs send, does it.
    assert "Keine E-Mails mehr" in client.get(unsubscribe).content.decode()
    assert "abbestellt" in client.post(unsubscribe).content.decode()
    assert not ReplyConsent.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(
            client, article, author_email="d@example.org", body="Der grüne", parent=parent.pk
        )
    assert len(mail.outbox) == 2


def test_tampered_notification_link_is_refused(client):
    response = client.get("/kommentare/benachrichtigungen/bestaetigen/gefaelscht/")
    assert response.status_code == 400
    assert "ungültig oder abgelaufen" in response.content.decode()


def test_reply_approved_later_notifies_then(client, django_capture_on_commit_callbacks):
    parent = CommentFactory(author_email="a@example.org", notify_on_reply=True)
    ReplyConsent.objects.create(email="a@example.org", confirmed_at="2026-01-01T00:00:00Z")
    reply = CommentFactory(parent=parent, article=parent.article, status=Comment.Status.PENDING)
    client.force_login(newsroom_user(MODERATOR))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:comments_comment_queue", args=["pending"]),
            {"single": f"approve:{reply.pk}"},
        )
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


# GDPR ---------------------------------------------------------------------------------------


def test_export_contains_everything_of_one_address():
    mine = CommentFactory(author_email="petra@example.org", body="Mein Text")
    CommentFactory(author_email="other@example.org", body="Fremder Text")
    data = gdpr.export_email("Petra@Example.org")
    assert [c["text"] for c in data["comments"]] == ["Mein Text"]
    assert data["comments"][0]["id"] == mine.pk


@pytest.mark.parametrize("mode", ["anonymise", "remove"])
def test_erasure_leaves_no_personal_data(mode):
    parent = CommentFactory(
        author_email="petra@example.org", author_name="Petra P.", body="Mein Text"
    )
    answered = CommentFactory(parent=parent, article=parent.article, body="Antwort eines anderen")
    lonely = CommentFactory(author_email="petra@example.org", author_name="Petra P.", body="Solo")
    ReplyConsent.objects.create(email="petra@example.org")
    gdpr.erase_email("petra@example.org", mode)
    assert not Comment.objects.filter(author_email__iexact="petra@example.org").exists()
    assert not Comment.objects.filter(author_name="Petra P.").exists()
    assert not Comment.objects.filter(body__in=["Mein Text", "Solo"]).exists()
    assert not ReplyConsent.objects.exists()
    # The others' reply keeps its place in the thread.
    answered.refresh_from_db()
    assert answered.parent_id == parent.pk
    assert Comment.objects.filter(pk=lonely.pk).exists() == (mode == "anonymise")


def test_newsroom_gdpr_page_exports_and_erases_after_confirmation(client):
    client.force_login(newsroom_user(MODERATOR))
    CommentFactory(author_email="petra@example.org", body="Mein Text")
    url = reverse("admin:comments_comment_personal_data")
    page = client.get(url, {"email": "petra@example.org"}).content.decode()
    assert "Mein Text" in page
    export = client.post(url, {"email": "petra@example.org", "export": "1"})
    assert json.loads(export.content)["comments"][0]["text"] == "Mein Text"
    unconfirmed = client.post(url, {"email": "petra@example.org", "erase": "1"})
    assert "ausdrücklich" in unconfirmed.content.decode()
    assert Comment.objects.filter(body="Mein Text").exists()
    client.post(url, {"email": "petra@example.org", "erase": "1", "confirm": "on"})
    assert not Comment.objects.filter(author_email="petra@example.org").exists()
    assert ModerationSettings.load().erasure == "anonymise"
    assert Comment.objects.get().author_name == gdpr.ERASED_NAME


def test_confirmation_mail_goes_out_at_most_once_a_day(
    client, open_site, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    article = ArticleFactory()
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(client, article, body=f"Kommentar {n}", notify="on")
    assert len(mail.outbox) == 1
    ReplyConsent.objects.update(requested_at=timezone.now() - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, body="Zwei Tage später", notify="on")
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("mode", ["anonymise", "remove"])
def test_erasure_also_clears_the_newsroom_history(client, mode):
    """A moderator who edited a comment in the newsroom left its name and text in the
    newsroom's history ("Neueste Aktionen"); erasure must not leave them behind there."""
    from django.contrib.admin.models import LogEntry

    client.force_login(newsroom_user(MODERATOR))
    comment = CommentFactory(
        author_email="petra@example.org", author_name="Petra P.", body="Mein Text hier"
    )
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = client.post(change_url, {"status": "removed", "is_pick": ""})
    assert response.status_code == 302
    assert LogEntry.objects.filter(object_repr__contains="Petra P.").exists()
    assert "Petra P." in client.get(reverse("admin:index")).content.decode()
    gdpr.erase_email("petra@example.org", mode)
    assert not LogEntry.objects.filter(object_repr__contains="Petra P.").exists()
    assert not LogEntry.objects.filter(object_repr__contains="Mein Text").exists()
    assert not LogEntry.objects.filter(change_message__contains="Petra").exists()
    history = client.get(reverse("admin:index")).content.decode()
    assert "Petra P." not in history and "Mein Text" not in history


def test_reply_mail_carries_no_long_name_and_no_link_from_the_replying_reader():
    """The mail comes from the site's own address: a reader-chosen name with a link would read
    as the site's word (phishing). Names are stored with at most 80 characters."""
    parent = CommentFactory(author_email="petra@example.org", notify_on_reply=True)
    ReplyConsent.objects.create(email="petra@example.org", confirmed_at=timezone.now())
    name = ("Ihr Konto läuft ab, jetzt bestätigen: https://evil.example/login " + "x" * 80)[:80]
    reply = CommentFactory(
        article=parent.article,
        parent=parent,
        author_name=name,
        author_email="b@example.org",
        body="Siehe www.evil.example/konto und evil.example – dort gibt es mehr.",
    )
    mail.outbox.clear()
    notify_parent_author(reply)
    (note,) = mail.outbox
    assert "evil.example" not in note.body
    line = next(line for line in note.body.splitlines() if "hat auf Ihren Kommentar" in line)
    assert len(line.split(" hat auf Ihren Kommentar")[0]) <= MAIL_NAME_CHARS
    assert "Siehe [Link entfernt] und [Link entfernt] – dort gibt es mehr." in note.body
