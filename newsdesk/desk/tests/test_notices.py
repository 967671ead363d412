"""The Redaktion hears of every submitted article: in the newsroom until seen, and by mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.desk import corrections
from newsdesk.desk.models import Notice
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user
from newsdesk.taskqueue.models import CompletedStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def autor():
    return newsroom_user(AUTHOR, "anna", author=True)


@pytest.fixture
def redaktion():
    rita = newsroom_user(EDITOR, "rita")
    rita.email, rita.first_name, rita.last_name = "rita@example.org", "Rita", "Rot"
    rita.save()
    carl = newsroom_user(EDITOR, "carl")  # no address: a notice in the newsroom only
    return rita, carl


def draft_by(autor, **fields):
    return ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[autor.author_profile],
        created_by=autor,
        **fields,
    )


def test_redaktion_gets_a_notice_and_a_mail_when_an_autor_submits(
    client, autor, redaktion, committed
):
    rita, carl = redaktion
    article = draft_by(autor, headline="Pixel 10 im Test")
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(autor)
    data = form_data(client.get(url).content.decode(), "article_form")
    data["_submit_review"] = "1"
    with committed():
        assert client.post(url, data).status_code == 302
    assert {n.recipient for n in Notice.objects.all()} == {rita, carl}
    assert not Notice.objects.filter(recipient=autor).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rita@example.org"]
    assert "Pixel 10 im Test" in message.subject
    assert "anna hat „Pixel 10 im Test“ zur Prüfung eingereicht." in message.body
    assert f"/newsroom/articles/article/{article.pk}/change/" in message.body

    client.force_login(rita)
    start = client.get(reverse("admin:index")).content.decode()
    assert "Neu für Sie" in start
    assert "anna hat „Pixel 10 im Test“ zur Prüfung eingereicht." in start
    assert "Mitteilungen <strong>(1)</strong>" in start


def test_the_notice_stays_until_rita_opens_the_article(client, autor, redaktion, committed):
    rita, _carl = redaktion
    article = draft_by(autor)
    with committed():
        services.submit_for_review(article, autor)
    client.force_login(rita)
    articles_page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Mitteilungen <strong>(1)</strong>" in articles_page
    notice = Notice.objects.get(recipient=rita)
    response = client.get(reverse("desk_notice_open", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    notice.refresh_from_db()
    assert notice.seen_at is not None
    start = client.get(reverse("admin:index")).content.decode()
    assert "Neu für Sie" not in start
    # Carl has not opened it yet: his stays.
    assert Notice.objects.get(recipient=redaktion[1]).seen_at is None


def test_opening_the_article_directly_marks_its_notice_seen(client, autor, redaktion):
    rita, _carl = redaktion
    article = draft_by(autor)
    services.submit_for_review(article, autor)
    client.force_login(rita)
    client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert Notice.objects.get(recipient=rita).seen_at is not None


def test_resubmitting_the_same_version_tells_nobody_twice(autor, redaktion, committed):
    article = draft_by(autor, headline="Erste Fassung")
    with committed():
        services.submit_for_review(article, autor)
        services.change_status(article, autor, Article.Status.DRAFT)
        services.submit_for_review(article, autor)
    assert Notice.objects.count() == 2  # one per Redaktion member
    assert len(mail.outbox) == 1
    article.headline = "Zweite Fassung"
    services.save_article(article, autor, "gespeichert")
    with committed():
        services.change_status(article, autor, Article.Status.DRAFT)
        services.submit_for_review(article, autor)
    assert Notice.objects.count() == 4
    assert len(mail.outbox) == 2


def test_a_redaktion_member_submitting_herself_gets_no_notice(redaktion, committed):
    rita, carl = redaktion
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=rita)
    with committed():
        services.submit_for_review(article, rita)
    assert list(Notice.objects.values_list("recipient__username", flat=True)) == ["carl"]
    assert mail.outbox == []


def test_plain_saves_of_an_article_in_review_send_no_notice(autor, redaktion):
    article = draft_by(autor)
    services.submit_for_review(article, autor)
    Notice.objects.all().delete()
    article.teaser = "Anders."
    services.save_article(article, autor, "gespeichert")
    assert not Notice.objects.exists()


def test_each_mail_goes_out_once_even_when_its_task_runs_again(autor, redaktion, committed):
    from newsdesk.desk import tasks

    article = draft_by(autor)
    with committed():
        services.submit_for_review(article, autor)
    notice = Notice.objects.get(recipient=redaktion[0])
    tasks.mail_notice.call(notice.pk)
    assert len(mail.outbox) == 1
    assert CompletedStep.objects.filter(key=f"desk.notice-mail:{notice.pk}").exists()


def test_a_correction_proposal_reaches_the_redaktion_once_per_text(autor, redaktion, committed):
    article = ArticleFactory(authors=[autor.author_profile], created_by=autor)
    services.ensure_revision(article)
    with committed():
        corrections.propose(article, autor, {"headline": "Korrigiert"})
        corrections.propose(article, autor, {"headline": "Korrigiert"})
    assert Notice.objects.filter(kind=Notice.Kind.CORRECTION).count() == 2
    assert len(mail.outbox) == 1
    assert "schlägt eine Korrektur" in mail.outbox[0].body


def test_mark_all_seen_empties_the_header_count(client, autor, redaktion):
    rita, _carl = redaktion
    services.submit_for_review(draft_by(autor), autor)
    services.submit_for_review(draft_by(autor), autor)
    client.force_login(rita)
    listing = client.get(reverse("desk_notices")).content.decode()
    assert listing.count("zur Prüfung eingereicht") == 2
    response = client.post(reverse("desk_notices"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("desk_notices")
    assert not Notice.objects.filter(recipient=rita, seen_at=None).exists()
    assert "Mitteilungen <strong>" not in client.get(reverse("admin:index")).content.decode()


def test_nobody_opens_anothers_notice(client, autor, redaktion):
    rita, carl = redaktion
    services.submit_for_review(draft_by(autor), autor)
    notice = Notice.objects.get(recipient=rita)
    client.force_login(carl)
    assert client.get(reverse("desk_notice_open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.seen_at is None
