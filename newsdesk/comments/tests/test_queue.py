"""The moderation queues in the newsroom: reasons, threads, single and bulk actions, picks."""

import re

import pytest
from django.urls import reverse

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment, HoldReason
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.newsroom.groups import AUTHOR, MODERATOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db


def queue_url(name: str) -> str:
    return reverse("admin:comments_comment_queue", args=[name])


@pytest.fixture
def moderator(client):
    user = newsroom_user(MODERATOR)
    client.force_login(user)
    return user


def test_pending_queue_shows_reason_article_and_the_comment_answered(client, moderator):
    article = ArticleFactory(headline="Neues Smartphone im Test")
    parent = CommentFactory(article=article, body="Wie ist der Akku?")
    CommentFactory(
        article=article,
        parent=parent,
        body="Kauft hier: http://a.example http://b.example",
        status=Comment.Status.PENDING,
        hold_reasons=f"{HoldReason.LINKS},{HoldReason.NEWCOMER}",
    )
    html = client.get(queue_url("pending")).content.decode()
    assert "Kauft hier" in html
    assert "Zwei oder mehr Links" in html
    assert "Neu: noch zu wenige freigegebene Kommentare" in html
    assert "Neues Smartphone im Test" in html
    assert "Wie ist der Akku?" in html  # the comment it answers


def test_single_button_approves_one_comment_and_the_next_comes_first(client, moderator):
    first, second = CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    response = client.post(queue_url("pending"), {"single": f"approve:{first.pk}"}, follow=True)
    assert "1 Kommentar freigegeben." in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Comment.Status.APPROVED and first.moderated_by == moderator
    assert second.status == Comment.Status.PENDING
    assert f'data-comment="{second.pk}"' in response.content.decode()


@pytest.mark.parametrize(
    ("bulk", "status"),
    [("approve", "approved"), ("reject", "removed"), ("spam", "spam")],
)
def test_bulk_actions_on_the_selection(client, moderator, bulk, status):
    chosen = CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    other = CommentFactory(status=Comment.Status.PENDING)
    client.post(queue_url("pending"), {"bulk": bulk, "selected": [c.pk for c in chosen]})
    assert set(Comment.objects.filter(status=status).values_list("pk", flat=True)) >= {
        c.pk for c in chosen
    }
    other.refresh_from_db()
    assert other.status == Comment.Status.PENDING


def test_reported_queue_and_clearing_reports(client, moderator):
    reported = CommentFactory(body="Gemeldet, aber harmlos", open_reports=3)
    CommentFactory(body="Niemand hat etwas")
    html = client.get(queue_url("reported")).content.decode()
    assert "Gemeldet, aber harmlos" in html and "Niemand hat etwas" not in html
    assert "Meldung zurückweisen" in html
    client.post(queue_url("reported"), {"single": f"approve:{reported.pk}"})
    reported.refresh_from_db()
    assert reported.status == Comment.Status.APPROVED and reported.open_reports == 0
    assert "Gemeldet, aber harmlos" not in client.get(queue_url("reported")).content.decode()


def test_moderation_changes_reach_the_cached_article_page(
    client, moderator, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_PAGE_CACHE = True
    comment = CommentFactory(body="Wartet auf Freigabe", status=Comment.Status.PENDING)
    url = comment.article.get_absolute_url()
    reader = client.__class__()
    assert "Wartet auf Freigabe" not in reader.get(url).content.decode()
    assert "Wartet auf Freigabe" not in reader.get(url).content.decode()  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        client.post(queue_url("pending"), {"single": f"approve:{comment.pk}"})
    assert "Wartet auf Freigabe" in reader.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(queue_url("approved"), {"single": f"reject:{comment.pk}"})
    assert "Wartet auf Freigabe" not in reader.get(url).content.decode()


def test_editor_pick_is_highlighted_above_the_comments(client, moderator):
    comment = CommentFactory(body="Die beste Erklärung im ganzen Netz")
    client.post(queue_url("approved"), {"single": f"pick:{comment.pk}"})
    comment.refresh_from_db()
    assert comment.is_pick
    client.logout()
    html = client.get(comment.article.get_absolute_url()).content.decode()
    picks = html[html.index('class="comment-picks"') : html.index('class="comment-list"')]
    assert "Redaktionsempfehlung" in picks
    assert "Die beste Erklärung im ganzen Netz" in picks


def test_staff_reply_is_published_with_the_badge(client, moderator):
    parent = CommentFactory(body="Stimmt der Preis?")
    response = client.post(
        reverse("admin:comments_comment_staff_reply", args=[parent.pk]),
        {"body": "Ja, wir haben ihn heute früh geprüft."},
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.status == Comment.Status.APPROVED and reply.staff_author == moderator
    client.logout()
    html = client.get(parent.article.get_absolute_url()).content.decode()
    answer = html[html.index(f'id="kommentar-{reply.pk}"') :]
    assert 'class="badge badge-staff">Redaktion<' in answer[:600]


def test_empty_staff_reply_gets_an_error_and_nothing_is_stored(client, moderator):
    parent = CommentFactory()
    response = client.post(
        reverse("admin:comments_comment_staff_reply", args=[parent.pk]), {"body": "   "}
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not Comment.objects.filter(parent=parent).exists()


def test_queue_needs_the_moderation_right(client):
    client.force_login(newsroom_user(AUTHOR))
    assert client.get(queue_url("pending")).status_code == 403


def test_queue_post_without_csrf_token_is_refused(moderator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    comment = CommentFactory(status=Comment.Status.PENDING)
    assert strict.post(queue_url("pending"), {"single": f"approve:{comment.pk}"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_comment_count_on_the_article_follows_moderation(client, moderator):
    article = ArticleFactory()
    comments = CommentFactory.create_batch(3, article=article, status=Comment.Status.PENDING)
    client.post(queue_url("pending"), {"bulk": "approve", "selected": [c.pk for c in comments]})
    client.post(queue_url("approved"), {"single": f"reject:{comments[0].pk}"})
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "2 Kommentare" in html


def test_article_policy_change_re_renders_the_article_page(
    client, settings, django_capture_on_commit_callbacks, site_policy
):
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.comments.models import ArticlePolicy

    settings.NEWSDESK_PAGE_CACHE = True
    site_policy(close_after_days=7)
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=10))
    assert 'id="kommentar-form"' not in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePolicy.objects.create(article=article, keep_open=True)
    assert 'id="kommentar-form"' in client.get(article.get_absolute_url()).content.decode()


def test_newsroom_comments_on_an_article_with_the_badge(client, moderator):
    article = ArticleFactory()
    url = reverse("admin:comments_comment_staff_comment", args=[article.pk])
    assert article.headline in client.get(url).content.decode()
    response = client.post(url, {"body": "Update: der Hersteller hat geantwortet."})
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#kommentar-{comment.pk}")
    assert comment.parent is None and comment.is_staff_comment
    assert comment.status == Comment.Status.APPROVED


def test_a_moderator_closes_one_articles_comments_in_the_newsroom(
    client, moderator, settings, django_capture_on_commit_callbacks
):
    """Issue 4: commenting closes per article on demand. The Moderation role cannot edit
    articles, so the article's comment rule in the newsroom is where a moderator closes it."""
    settings.NEWSDESK_PAGE_CACHE = True
    article = ArticleFactory()
    assert 'id="kommentar-form"' in client.get(article.get_absolute_url()).content.decode()
    add_url = reverse("admin:comments_articlepolicy_add")
    assert 'name="closed"' in client.get(add_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url, {"article": article.pk, "mode": "", "closed": "on"})
    assert response.status_code == 302
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'id="kommentar-form"' not in page
    assert "Die Kommentare zu diesem Artikel sind geschlossen." in page
    sent = client.post(
        reverse("comments:post", args=[article.pk]),
        {"author_name": "Eva", "author_email": "eva@example.org", "body": "Noch etwas"},
    )
    assert sent.status_code == 403
    assert not Comment.objects.filter(article=article).exists()


def test_closing_by_rule_wins_over_keeping_open_past_the_time_limit(site_policy):
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.comments.models import ArticlePolicy
    from newsdesk.comments.threads import comment_state

    site_policy(close_after_days=7)
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    policy = ArticlePolicy.objects.create(article=article, keep_open=True, closed=True)
    assert comment_state(article).closed
    policy.closed = False
    policy.save()
    assert not comment_state(article).closed


def test_the_article_picker_of_a_comment_rule_finds_published_articles_for_a_moderator(
    client, moderator
):
    """The Moderation role opens no articles in the newsroom, so Django's own article search
    found nothing for it and a moderator could not pick an article for a comment rule."""
    from newsdesk.articles.models import Article

    published = ArticleFactory(headline="Akku-Ärger beim Fold 2")
    draft = ArticleFactory(headline="Akku-Geheimnis in Arbeit", status=Article.Status.DRAFT)
    form = client.get(reverse("admin:comments_articlepolicy_add")).content.decode()
    search_url = re.search(r'name="article"[^>]*data-ajax--url="([^"]+)"', form) or re.search(
        r'data-ajax--url="([^"]+)"[^>]*name="article"', form
    )
    assert search_url, "the article field is a search-as-you-type picker"
    found = client.get(search_url.group(1), {"term": "akku"}).json()
    assert [r["text"] for r in found["results"]] == [published.headline]
    assert str(published.pk) in [r["id"] for r in found["results"]]
    assert draft.headline not in str(found)
    by_id = client.get(search_url.group(1), {"term": str(published.pk)}).json()
    assert [r["id"] for r in by_id["results"]] == [str(published.pk)]


def test_the_article_picker_is_closed_to_roles_without_moderation(client):
    client.force_login(newsroom_user(AUTHOR))
    url = reverse("admin:comments_articlepolicy_articles")
    assert client.get(url, {"term": "a"}).status_code == 403
