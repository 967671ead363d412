"""Computed "Auch interessant": scores with reasons, pins first, exclusions, one query."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles import services
from newsdesk.articles.models import Article, RelatedArticle
from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.related.models import Exclusion, Suggestion
from newsdesk.related.selectors import related_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the app defers to the commit, as a real request would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def article(on_commit, headline, products=(), topics=(), **fields):
    def make():
        created = ArticleFactory(headline=headline, topics=list(topics), **fields)
        if products:
            created.products.set(products)
        return created

    return on_commit(make)


def suggestions(of):
    return list(
        Suggestion.objects.filter(article=of)
        .order_by("position")
        .values_list("candidate__headline", "reasons")
    )


def test_the_review_of_the_same_product_comes_first_with_its_reason(on_commit):
    s7 = ProductFactory(name="Galaxy S7", slug="galaxy-s7")
    phones = TopicFactory(name="Smartphones")
    review = article(on_commit, "Galaxy S7 im Test", [s7], [phones], kind=Article.Kind.REVIEW)
    article(on_commit, "Neue Smartphones im Herbst", topics=[phones])
    news = article(on_commit, "Samsung senkt den Preis", [s7], [phones])
    rows = suggestions(news)
    assert rows[0] == (
        "Galaxy S7 im Test",
        "gleiches Produkt: Samsung Galaxy S7 · Themen: Smartphones",
    )
    assert ("Neue Smartphones im Herbst", "Themen: Smartphones") in rows
    # And back: the review suggests the news story about its product.
    assert suggestions(review)[0][0] == "Samsung senkt den Preis"


def test_similar_text_is_a_reason_of_its_own(on_commit):
    first = article(on_commit, "Akkulaufzeit der Smartwatch im Langzeittest")
    article(on_commit, "Smartwatch: So verlängern Sie die Akkulaufzeit")
    article(on_commit, "Neue Farben für Kopfhörer")
    rows = suggestions(first)
    assert [headline for headline, _ in rows] == ["Smartwatch: So verlängern Sie die Akkulaufzeit"]
    assert rows[0][1] == "ähnlicher Text"


def test_newer_candidates_win_among_equals(on_commit):
    topic = TopicFactory(name="Wearables")
    current = article(on_commit, "Heute", topics=[topic])
    article(
        on_commit,
        "Vor zwei Jahren",
        topics=[topic],
        published_at=timezone.now() - timedelta(days=730),
    )
    article(on_commit, "Gestern", topics=[topic], published_at=timezone.now() - timedelta(days=1))
    assert [h for h, _ in suggestions(current)] == ["Gestern", "Vor zwei Jahren"]


def test_drafts_and_scheduled_articles_are_never_suggested(on_commit):
    s7 = ProductFactory()
    news = article(on_commit, "Preis sinkt", [s7])
    article(on_commit, "Entwurf", [s7], status=Article.Status.DRAFT, published_at=None)
    article(
        on_commit,
        "Geplant",
        [s7],
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
    )
    assert suggestions(news) == []
    assert related_for_page(news) == []


def test_publishing_an_article_updates_the_boxes_it_belongs_in(on_commit):
    s7 = ProductFactory()
    news = article(on_commit, "Preis sinkt", [s7])
    review = article(on_commit, "Der Test", [s7], status=Article.Status.DRAFT, published_at=None)
    assert suggestions(news) == []
    on_commit(services.publish_article, review, None)
    assert [h for h, _ in suggestions(news)] == ["Der Test"]
    on_commit(services.unpublish_article, review, None)
    assert suggestions(news) == []


def test_pins_come_first_and_exclusions_are_left_out(on_commit):
    s7 = ProductFactory()
    news = article(on_commit, "Preis sinkt", [s7])
    review = article(on_commit, "Der Test", [s7], kind=Article.Kind.REVIEW)
    other = article(on_commit, "Noch eine Meldung", [s7])
    pinned = article(on_commit, "Hand-verlesen")
    RelatedArticle.objects.create(from_article=news, to_article=pinned, position=0)
    assert related_for_page(news) == [pinned, review, other]
    on_commit(Exclusion.objects.create, article=news, excluded=review)
    assert related_for_page(news) == [pinned, other]
    assert "Der Test" not in [h for h, _ in suggestions(news)]


def test_the_box_is_read_with_one_query(on_commit, django_assert_num_queries):
    s7 = ProductFactory()
    news = article(on_commit, "Preis sinkt", [s7])
    article(on_commit, "Der Test", [s7], kind=Article.Kind.REVIEW)
    RelatedArticle.objects.create(from_article=news, to_article=article(on_commit, "Pin"))
    with django_assert_num_queries(1):
        assert len(related_for_page(news)) == 2


def test_the_article_page_shows_pins_then_suggestions(client, on_commit):
    s7 = ProductFactory()
    news = article(on_commit, "Preis sinkt", [s7])
    article(on_commit, "Galaxy S7 im Test", [s7], kind=Article.Kind.REVIEW)
    RelatedArticle.objects.create(from_article=news, to_article=article(on_commit, "Angeheftet"))
    html = client.get(news.get_absolute_url()).content.decode()
    assert html.index("Angeheftet") < html.index("Galaxy S7 im Test")


def test_the_newsroom_form_shows_suggestions_with_reasons(client, on_commit):
    s7 = ProductFactory(name="Galaxy S7", slug="galaxy-s7")
    news = article(on_commit, "Preis sinkt", [s7])
    article(on_commit, "Galaxy S7 im Test", [s7], kind=Article.Kind.REVIEW)
    client.force_login(newsroom_user(EDITOR))
    html = client.get(reverse("admin:articles_article_change", args=[news.pk])).content.decode()
    assert "Vorschläge mit Begründung" in html
    assert "gleiches Produkt: Samsung Galaxy S7" in html
    assert "Ausgeschlossene Vorschläge" in html


def test_refresh_command_fills_suggestions_for_bulk_written_articles():
    s7 = ProductFactory()
    news = ArticleFactory(headline="Preis sinkt")
    review = ArticleFactory(headline="Der Test", kind=Article.Kind.REVIEW)
    # Without on_commit the receivers never ran, as after a bulk import.
    news.products.set([s7])
    review.products.set([s7])
    Suggestion.objects.all().delete()
    call_command("related_refresh", verbosity=0)
    assert [h for h, _ in suggestions(news)] == ["Der Test"]
