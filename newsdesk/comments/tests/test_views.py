"""Readers post comments: held for moderation, plain text, threaded one level deep."""

import re

import pytest
from django.urls import reverse

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "author_name": "Petra Leserin",
        "author_email": "petra@example.org",
        "body": "Guter Artikel!",
        "website": "",
        "parent": "",
    }
    data.update(overrides)
    return data


def post(client, article, **overrides):
    return client.post(reverse("comments:post", args=[article.pk]), form_data(**overrides))


def test_valid_comment_waits_for_moderation_and_thanks_the_reader(client):
    article = ArticleFactory()
    response = post(client, article)
    assert response.status_code == 302
    assert response["Location"] == reverse("comments:thanks", args=[article.pk])
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.author_name == "Petra Leserin"
    thanks = client.get(response["Location"]).content.decode()
    assert "Danke für Ihren Kommentar!" in thanks
    # Not shown before a moderator approves it.
    assert "Guter Artikel!" not in client.get(article.get_absolute_url()).content.decode()


def test_approved_comment_shows_script_as_text(client):
    article = ArticleFactory()
    post(client, article, body="<script>alert(1)</script> Hallo")
    Comment.objects.update(status=Comment.Status.APPROVED)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hallo" in html
    assert "<script>alert(1)" not in html


def test_filled_honeypot_is_dropped_silently(client):
    article = ArticleFactory()
    response = post(client, article, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("comments:thanks", args=[article.pk])
    assert not Comment.objects.exists()


def test_honeypot_is_in_the_form_but_hidden_off_screen(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert '<p class="hp" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_invalid_comment_gets_german_errors_and_keeps_the_text(client):
    article = ArticleFactory()
    response = post(client, article, author_email="keine-adresse", body="Mein langer Text")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben." in html
    assert "Bitte gültige E-Mail-Adresse eingeben." in html
    assert "Mein langer Text</textarea>" in html
    assert 'value="Petra Leserin"' in html
    assert not Comment.objects.exists()


def test_empty_comment_is_refused_in_german(client):
    response = post(client, ArticleFactory(), body="   ")
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_overlong_comment_is_refused_before_the_database(client):
    response = post(client, ArticleFactory(), body="x" * 5001)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_closed_article_refuses_comments(client):
    article = ArticleFactory(comments_open=False)
    response = post(client, article)
    assert response.status_code == 403
    assert "geschlossen" in response.content.decode()
    assert not Comment.objects.exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'id="kommentar-form"' not in page


def test_comment_on_a_draft_is_not_found(client):
    article = ArticleFactory(status="draft")
    assert post(client, article).status_code == 404


def test_get_on_the_post_address_is_refused(client):
    assert client.get(reverse("comments:post", args=[ArticleFactory().pk])).status_code == 405


def test_reply_page_has_a_form_for_the_thread(client):
    parent = CommentFactory(body="Erster!")
    response = client.get(reverse("comments:reply", args=[parent.article.pk, parent.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Erster!" in html
    assert f'name="parent" value="{parent.pk}"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_reply_to_a_reply_joins_the_first_level_thread(client):
    article = ArticleFactory()
    parent = CommentFactory(article=article, body="Frage")
    answer = CommentFactory(article=article, parent=parent, body="Antwort")
    post(client, article, parent=str(answer.pk), body="Antwort auf die Antwort")
    reply = Comment.objects.get(body="Antwort auf die Antwort")
    assert reply.parent == parent
    Comment.objects.filter(pk=reply.pk).update(status=Comment.Status.APPROVED)
    html = client.get(article.get_absolute_url()).content.decode()
    thread = html[html.index(f'id="kommentar-{parent.pk}"') :]
    replies = thread[thread.index('class="comment-replies"') :]
    assert replies.index("Antwort") < replies.index("Antwort auf die Antwort")
    # Replies get no reply link of their own: the thread stays one level deep.
    assert html.count('class="reply-link"') == 1


def test_reply_to_a_pending_comment_is_refused(client):
    article = ArticleFactory()
    pending = CommentFactory(article=article, status=Comment.Status.PENDING)
    response = post(client, article, parent=str(pending.pk))
    assert response.status_code == 400
    assert "nicht mehr da" in response.content.decode()
    assert client.get(reverse("comments:reply", args=[article.pk, pending.pk])).status_code == 404


def test_timestamp_endpoint_gives_a_fresh_signed_stamp_that_is_never_cached(client):
    from newsdesk.comments.forms import timestamp_reasons

    response = client.get(reverse("comments:timestamp"))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert not response.cookies
    token = response.json()["ts"]
    assert timestamp_reasons(token) == ["fast"]  # just made: too fast to post at once
    import time

    assert timestamp_reasons(token, now=time.time() + 60) == []


def test_listing_shows_comment_counts_without_a_query_per_article(
    client, django_assert_max_num_queries
):
    from newsdesk.articles.tests.factories import TopicFactory

    topic = TopicFactory()
    articles = ArticleFactory.create_batch(6, topics=[topic])
    for n, article in enumerate(articles):
        CommentFactory.create_batch(n, article=article)
        CommentFactory(article=article, status=Comment.Status.PENDING)  # not counted
    client.get(topic.get_absolute_url())
    with django_assert_max_num_queries(7):
        html = client.get(topic.get_absolute_url()).content.decode()
    assert html.count('class="teaser-comments"') == 5  # the article without comments shows none
    assert "5 Kommentare" in html and "1 Kommentar<" in html


def test_readers_cannot_claim_the_staff_badge(client):
    from newsdesk.comments.models import ModerationSettings

    policy = ModerationSettings.load()
    policy.newcomer_threshold = 0
    policy.save()
    article = ArticleFactory()
    post(client, article, author_name="Redaktion", body="Offizielle Mitteilung", ts=aged_ts())
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED and not comment.is_staff_comment
    assert "badge-staff" not in client.get(article.get_absolute_url()).content.decode()


def aged_ts() -> str:
    from newsdesk.comments.tests.conftest import aged_timestamp

    return aged_timestamp()


def test_back_link_after_a_published_comment_shows_it_despite_the_browser_cache(
    client, open_site, settings, django_capture_on_commit_callbacks
):
    """Article pages may be kept by the browser for a minute. The reader told "Er ist jetzt
    unter dem Artikel zu lesen" must find the comment there, so the way back is an address
    the browser has not kept, leading to the comment itself."""
    import re

    settings.NEWSDESK_PAGE_CACHE = True
    article = ArticleFactory()
    before = client.get(article.get_absolute_url())
    assert "max-age" in before["Cache-Control"]  # what the reader's browser keeps
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, article, body="Mein neuer Kommentar", ts=aged_ts())
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    thanks = client.get(response["Location"]).content.decode()
    assert "Er ist jetzt unter dem Artikel zu lesen." in thanks
    back = re.search(r'<a class="button" href="([^"]+)">Zurück zum Artikel', thanks).group(1)
    address, _hash, anchor = back.partition("#")
    assert address != article.get_absolute_url()
    assert anchor == f"kommentar-{comment.pk}"
    page = client.get(address)
    assert page.status_code == 200
    assert f'id="kommentar-{comment.pk}"' in page.content.decode()
    assert "Mein neuer Kommentar" in page.content.decode()


def test_back_link_of_a_held_comment_is_the_plain_article(client):
    article = ArticleFactory()
    response = post(client, article)
    thanks = client.get(response["Location"] + "?veroeffentlicht=1&kommentar=999").content.decode()
    assert "Er erscheint, sobald die Redaktion ihn geprüft hat." in thanks
    assert f'href="{article.get_absolute_url()}#kommentare"' in thanks


def test_a_comment_sent_after_closing_is_handed_back_to_copy(client):
    """A reader who wrote into a page opened before the thread closed loses nothing: the
    refusal shows the text again, escaped, for the reader to copy."""
    article = ArticleFactory(comments_open=False)
    text = "Ein langer Gedanke <b>mit</b> Absätzen.\n\nZweiter Absatz."
    response = post(client, article, body=text)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ein langer Gedanke &lt;b&gt;mit&lt;/b&gt; Absätzen." in html
    assert "<b>mit</b>" not in html
    assert "Zweiter Absatz." in html
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_comment_times_are_valid_html_datetimes_without_microseconds(client):
    """The Nu HTML Checker refuses six digits of fractions in ``<time datetime>``."""
    comment = CommentFactory(body="Mit Mikrosekunden")
    Comment.objects.filter(pk=comment.pk).update(
        created_at=comment.created_at.replace(microsecond=123456)
    )
    html = client.get(comment.article.get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp), stamp


def test_reply_page_headings_go_h1_then_h2(client):
    parent = CommentFactory()
    html = client.get(reverse("comments:reply", args=[parent.article.pk, parent.pk])).content
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html.decode())]
    assert levels[:2] == [1, 2]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_name_and_email_fields_let_the_browser_fill_them_in(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert re.search(
        r'<input[^>]*name="author_name"[^>]*autocomplete="name"|'
        r'<input[^>]*autocomplete="name"[^>]*name="author_name"',
        html,
    )
    assert re.search(
        r'<input[^>]*name="author_email"[^>]*autocomplete="email"|'
        r'<input[^>]*autocomplete="email"[^>]*name="author_email"',
        html,
    )
