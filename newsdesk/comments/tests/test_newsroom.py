"""Comment moderation in the newsroom."""

import pytest
from django.urls import reverse

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.newsroom.groups import AUTHOR, MODERATOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator(client):
    user = newsroom_user(MODERATOR)
    client.force_login(user)
    return user


def test_moderation_approves_pending_comments_in_bulk(client, moderator):
    pending = CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    untouched = CommentFactory(status=Comment.Status.PENDING)
    response = client.post(
        LIST_URL,
        {"action": "approve", "_selected_action": [c.pk for c in pending]},
        follow=True,
    )
    assert "2 Kommentare freigegeben." in response.content.decode()
    for comment in pending:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
        assert comment.moderated_by == moderator
    untouched.refresh_from_db()
    assert untouched.status == Comment.Status.PENDING


def test_moderation_removes_comments_and_readers_no_longer_see_them(client, moderator):
    comment = CommentFactory(body="Werbung für Schuhe")
    client.post(LIST_URL, {"action": "remove", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    client.logout()
    assert (
        "Werbung für Schuhe" not in client.get(comment.article.get_absolute_url()).content.decode()
    )


def test_queue_filters_by_status_and_article(client, moderator):
    article = ArticleFactory()
    CommentFactory(article=article, body="Wartet noch", status=Comment.Status.PENDING)
    CommentFactory(body="Schon frei", status=Comment.Status.APPROVED)
    pending = client.get(LIST_URL, {"status__exact": "pending"}).content.decode()
    assert "Wartet noch" in pending and "Schon frei" not in pending
    by_article = client.get(LIST_URL, {"article__id__exact": article.pk}).content.decode()
    assert "Wartet noch" in by_article and "Schon frei" not in by_article


def test_comment_text_is_shown_escaped(client, moderator):
    comment = CommentFactory(body='<script>alert("x")</script> Hallo', status="pending")
    listing = client.get(LIST_URL).content.decode()
    assert "<script>alert" not in listing
    assert "&lt;script&gt;alert" in listing
    detail = client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assert "<script>alert" not in detail.content.decode()


def test_autor_cannot_moderate(client):
    client.force_login(newsroom_user(AUTHOR))
    assert client.get(LIST_URL).status_code == 403
