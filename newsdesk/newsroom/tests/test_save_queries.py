"""An editor's save does not ask the database what the request already knows.

The save path's budget (fewer than 60 queries, ``bench/save_path.py``) was spent in part on
questions that could not fail: whether the article being saved exists, once per inline, and
whether each inline row's parent exists.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsdesk.articles.models import ArticleSource, RelatedArticle
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user

pytestmark = pytest.mark.django_db

EXISTS_CHECK = re.compile(
    r'SELECT .* AS "a" FROM "articles_article" WHERE "articles_article"\."id" = \d+ LIMIT 1$'
)


def article_with_inline_rows():
    article = ArticleFactory(authors=[AuthorFactory()])
    ArticleSource.objects.create(article=article, name="Bloomberg", url="https://example.com/")
    RelatedArticle.objects.create(from_article=article, to_article=ArticleFactory(), position=0)
    return article


def save(client, article, headline: str):
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(change).content.decode(), "article_form")
    data["headline"] = headline
    with CaptureQueriesContext(connection) as queries:
        response = client.post(change, data)
    return response, [query["sql"] for query in queries.captured_queries]


def test_redaktion_save_asks_no_existence_question_about_the_article_it_saves(client):
    article = article_with_inline_rows()
    client.force_login(newsroom_user(EDITOR, "rita"))

    response, statements = save(client, article, "Neue Schlagzeile")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Neue Schlagzeile"
    assert [sql for sql in statements if EXISTS_CHECK.search(sql)] == []


def test_an_autor_still_cannot_open_somebody_elses_article(client):
    article = article_with_inline_rows()
    client.force_login(newsroom_user(AUTHOR, "anna", author=True))

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code in (302, 403, 404)
    assert "Bloomberg" not in response.content.decode()
