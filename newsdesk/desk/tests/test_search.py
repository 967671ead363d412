"""Newsroom search finds what the text says, however the editor spells it."""

import time

import pytest
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.desk.models import ArticleSearchText
from newsdesk.desk.search import matching
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_article_changelist")


def found(client, term):
    html = client.get(LIST_URL, {"q": term}).content.decode()
    return {a.headline for a in Article.objects.all() if f">{a.headline}</a>" in html}


@pytest.fixture
def articles():
    return {
        "body": ArticleFactory(
            headline="Neues Topmodell",
            body="Das Vorgängermodell hatte noch ein größeres Netzteil.",
        ),
        "teaser": ArticleFactory(
            headline="Großer Vergleich", teaser="Die besten Kopfhörer mit Geräuschunterdrückung"
        ),
        "draft": ArticleFactory(
            headline="Entwurf zum Akku",
            status=Article.Status.DRAFT,
            body="Die AKKULAUFZEIT überrascht.",
        ),
        "other": ArticleFactory(headline="Etwas anderes", body="Nichts davon."),
    }


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Vorgängermodell", {"Neues Topmodell"}),
        ("vorgaengermodell", {"Neues Topmodell"}),
        ("NETZTEIL", {"Neues Topmodell"}),
        ("groesseres netzteil", {"Neues Topmodell"}),
        ("Kopfhoerer", {"Großer Vergleich"}),
        ("kopfhörer", {"Großer Vergleich"}),
        ("akkulaufzeit", {"Entwurf zum Akku"}),
        ("Akku", {"Entwurf zum Akku"}),
        ("Vorgängermodell Kopfhörer", set()),
        ("Netzt", {"Neues Topmodell"}),  # a half-typed word
    ],
)
def test_search_covers_body_and_teaser_with_umlaut_and_case_folding(
    client, articles, term, expected
):
    client.force_login(newsroom_user(EDITOR))
    assert found(client, term) == expected


def test_search_sees_edits_at_once(client, articles):
    client.force_login(newsroom_user(EDITOR))
    assert found(client, "Faltdisplay") == set()
    article = articles["other"]
    article.body = "Jetzt mit Faltdisplay."
    article.save()
    assert found(client, "faltdisplay") == {"Etwas anderes"}


def test_search_keeps_the_autors_limits(client, articles):
    client.force_login(newsroom_user(AUTHOR, "anna", author=True))
    assert found(client, "akku") == set()  # someone else's draft


def test_odd_input_finds_nothing_and_does_not_fail(client, articles):
    client.force_login(newsroom_user(EDITOR))
    for term in ['"unbalanced', "a & | ! ( ) :*", "'; DROP TABLE x;--", "ä" * 5000]:
        assert client.get(LIST_URL, {"q": term}).status_code == 200


def test_search_over_many_articles_is_fast():
    body = " ".join(["Das Smartphone hat einen starken Akku und ein helles Display."] * 60)
    Article.objects.bulk_create(
        Article(
            headline=f"Artikel {n}",
            slug=f"artikel-{n}",
            teaser="Vorspann",
            body=body + (" Einzigartiger Faltmechanismus." if n == 734 else ""),
        )
        for n in range(1000)
    )
    matching(Article.objects.all(), "warmup")  # analyses every article once
    assert ArticleSearchText.objects.count() == 1000
    started = time.perf_counter()
    hits = list(matching(Article.objects.all(), "Faltmechanismus"))
    assert time.perf_counter() - started < 0.5
    assert [a.slug for a in hits] == ["artikel-734"]


def test_one_search_analyses_a_bounded_number_of_articles(monkeypatch):
    monkeypatch.setattr("newsdesk.desk.search.REFRESH_LIMIT", 2)
    ArticleSearchText.objects.all().delete()
    for n in range(5):
        ArticleFactory(headline=f"Begrenzt {n}")
    matching(Article.objects.all(), "begrenzt")
    assert ArticleSearchText.objects.count() == 2
    matching(Article.objects.all(), "begrenzt")
    matching(Article.objects.all(), "begrenzt")
    assert ArticleSearchText.objects.count() == 5


def test_migration_analyses_existing_articles():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("newsdesk.desk.migrations.0002_analyse_existing_articles")
    ArticleFactory(headline="Schon da", body="Mit Vorgängermodell.")
    ArticleSearchText.objects.all().delete()
    migration.analyse(apps, None)
    assert list(
        matching(Article.objects.all(), "vorgaengermodell").values_list("headline", flat=True)
    ) == ["Schon da"]
