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


@pytest.mark.parametrize(
    "name",
    [
        "admin:comments_wordrule_changelist",
        "admin:comments_wordrule_add",
        "admin:comments_emaildomainrule_add",
        "admin:comments_articlepolicy_add",
        "admin:comments_articlepolicy_changelist",
        "admin:comments_comment_personal_data",
    ],
)
def test_moderators_reach_the_rule_pages(client, moderator, name):
    assert client.get(reverse(name)).status_code == 200


def test_site_settings_list_opens_the_single_settings_page(client, moderator):
    response = client.get(reverse("admin:comments_moderationsettings_changelist"), follow=True)
    assert response.status_code == 200
    assert "Neue Kommentatoren vorab prüfen" in response.content.decode()


def test_moderator_edits_the_site_policy(client, moderator):
    from newsdesk.comments.models import ModerationSettings
    from newsdesk.newsroom.tests.helpers import form_data

    url = reverse("admin:comments_moderationsettings_change", args=[ModerationSettings.load().pk])
    data = form_data(client.get(url).content.decode(), "moderationsettings_form")
    data.update({"mode": "pre", "close_after_days": "14"})
    assert client.post(url, data).status_code == 302
    policy = ModerationSettings.load()
    assert policy.mode == "pre" and policy.close_after_days == 14


def test_moderator_adds_a_banned_word_and_it_is_refused(client, moderator):
    client.post(reverse("admin:comments_wordrule_add"), {"word": "Schund", "kind": "banned"})
    client.logout()
    article = ArticleFactory()
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        {"author_name": "A", "author_email": "a@example.org", "body": "Sch und", "website": ""},
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_banning_a_common_provider_needs_confirmation(client, moderator):
    from newsdesk.comments.models import EmailDomainRule

    url = reverse("admin:comments_emaildomainrule_add")
    refused = client.post(url, {"domain": "gmail.com", "action": "ban"})
    assert "großer E-Mail-Anbieter" in refused.content.decode()
    assert not EmailDomainRule.objects.exists()
    client.post(url, {"domain": "gmail.com", "action": "ban", "confirm_common": "on"})
    assert EmailDomainRule.objects.get().domain == "gmail.com"


def test_author_role_cannot_see_the_rules(client):
    client.force_login(newsroom_user(AUTHOR))
    assert client.get(reverse("admin:comments_wordrule_changelist")).status_code == 403
