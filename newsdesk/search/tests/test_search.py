"""The search service on the database in use (SQLite FTS5, or PostgreSQL in the PG run)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.search import service
from newsdesk.search.backends import Filters
from newsdesk.search.models import SearchEntry, Synonym

pytestmark = pytest.mark.django_db


def headlines(text, filters=None):
    return [result.article.headline for result in service.search(text, filters).articles]


def test_a_compound_finds_text_that_names_its_parts(make_article):
    make_article("Wie lange hält der Akku?", body="Die Laufzeit ist gut.")
    make_article("Neue Farben für das Gehäuse")
    assert headlines("Akkulaufzeit") == ["Wie lange hält der Akku?"]


def test_the_parts_find_the_compound(make_article):
    make_article("Galaxy S7: Akkulaufzeit im Test")
    assert headlines("Laufzeit des Akkus") == ["Galaxy S7: Akkulaufzeit im Test"]
    assert headlines("Akku") == ["Galaxy S7: Akkulaufzeit im Test"]


def test_umlauts_match_their_spelled_out_form(make_article):
    make_article("Welche Displaygröße passt?")
    assert headlines("Displaygroesse") == ["Welche Displaygröße passt?"]
    assert headlines("Größe") == ["Welche Displaygröße passt?"]


def test_stemming_finds_other_word_forms(make_article):
    make_article("Smartphones werden günstiger")
    assert headlines("Smartphone günstig") == ["Smartphones werden günstiger"]


def test_model_names_match_written_together_or_apart(make_article):
    make_article("Xiaomi Mi5 im Test")
    make_article("Xiaomi Mi 5 bekommt ein Update")
    make_article("Xiaomi Mi6 vorgestellt")
    assert set(headlines("Mi5")) == {"Xiaomi Mi5 im Test", "Xiaomi Mi 5 bekommt ein Update"}
    assert set(headlines("Mi 5")) == {"Xiaomi Mi5 im Test", "Xiaomi Mi 5 bekommt ein Update"}


def test_a_model_name_does_not_match_a_longer_one(make_article):
    make_article("Galaxy S7 im Test")
    make_article("Galaxy S70 angekündigt")
    assert headlines("Galaxy S7") == ["Galaxy S7 im Test"]
    assert headlines("S7") == ["Galaxy S7 im Test"]


def test_multi_word_model_names(make_article):
    make_article("iPhone 15 Pro Max im Test")
    make_article("iPhone 14 im Test")
    assert headlines("iPhone 15 Pro Max") == ["iPhone 15 Pro Max im Test"]


def test_synonyms_from_the_editable_list(make_article):
    # One of the defaults the migration adds (a transactional test run before this one in the
    # same process empties the tables, defaults included).
    Synonym.objects.get_or_create(words="Handy, Smartphone, Mobiltelefon")
    make_article("Das beste Smartphone für 300 Euro")
    assert headlines("Handy") == ["Das beste Smartphone für 300 Euro"]  # a default synonym
    make_article("Der Flachrechner kommt")
    assert headlines("Tablet") == []
    Synonym.objects.create(words="Tablet, Flachrechner")
    assert headlines("Tablet") == ["Der Flachrechner kommt"]


def test_headline_matches_rank_above_body_matches(make_article):
    make_article("Neues vom Hersteller", body="Nebenbei: die Smartwatch kommt.")
    make_article("Die Smartwatch ist da", body="Mehr dazu bald.")
    assert headlines("Smartwatch") == ["Die Smartwatch ist da", "Neues vom Hersteller"]


def test_the_named_product_is_boosted(make_article, galaxy_s7):
    other = ProductFactory(name="Galaxy S8", slug="galaxy-s8")
    make_article("Galaxy S7 oder Galaxy S8? Galaxy S8!", products=[other])
    make_article(
        "Samsungs Oberklasse im Test", body="Das Galaxy S7 hält lange.", products=[galaxy_s7]
    )
    assert headlines("Galaxy S7")[0] == "Samsungs Oberklasse im Test"


def test_newer_articles_are_slightly_preferred(make_article):
    old = timezone.now() - timedelta(days=900)
    make_article("Die Smartwatch im Alltag", published_at=old)
    make_article("Die Smartwatch im Alltag ", published_at=timezone.now() - timedelta(hours=2))
    results = service.search("Smartwatch Alltag").articles
    assert results[0].article.published_at > results[1].article.published_at


def test_drafts_and_scheduled_articles_are_never_found(make_article):
    make_article("Entwurf zur Smartwatch", status=Article.Status.DRAFT, published_at=None)
    make_article("Prüfung zur Smartwatch", status=Article.Status.IN_REVIEW)
    make_article(
        "Geplante Smartwatch",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=3),
    )
    make_article("Veröffentlichte Smartwatch")
    assert headlines("Smartwatch") == ["Veröffentlichte Smartwatch"]
    assert service.suggest("Smartw") == [
        {"headline": "Veröffentlichte Smartwatch", "url": service.suggest("Smartw")[0]["url"]}
    ]


def test_a_scheduled_article_is_found_from_its_time_on(make_article, monkeypatch):
    due = timezone.now() + timedelta(hours=3)
    make_article("Geplante Smartwatch", status=Article.Status.SCHEDULED, published_at=due)
    assert headlines("Smartwatch") == []
    # Three hours later, before publish-due has run: nothing was re-indexed meanwhile.
    monkeypatch.setattr(timezone, "now", lambda: due + timedelta(seconds=1))
    assert headlines("Smartwatch") == ["Geplante Smartwatch"]


def test_publish_update_unpublish_and_delete_keep_the_index_current(make_article):
    article = make_article("Entwurf", status=Article.Status.DRAFT, published_at=None)
    assert headlines("Entwurf") == []
    services.publish_article(article, None)
    assert headlines("Entwurf") == ["Entwurf"]
    article.headline = "Faltbares Smartphone"
    services.save_article(article, None)
    assert headlines("Entwurf") == []
    assert headlines("faltbar") == ["Faltbares Smartphone"]
    services.unpublish_article(article, None)
    assert headlines("Smartphone") == []
    services.publish_article(article, None)
    article.delete()
    assert headlines("Smartphone") == []
    assert not SearchEntry.objects.filter(kind="article").exists()


def test_topics_and_products_of_an_article_are_searchable(make_article, galaxy_s7):
    article = make_article("Ein Blick auf die Oberklasse")
    assert headlines("Galaxy S7") == []
    article.products.add(galaxy_s7)
    assert headlines("Galaxy S7") == ["Ein Blick auf die Oberklasse"]


def test_filters_narrow_by_kind_topic_author_and_date(make_article):
    topic, author = TopicFactory(name="Wearables"), AuthorFactory()
    make_article("Smartwatch-Test", kind=Article.Kind.REVIEW, topics=[topic])
    make_article("Smartwatch-News", authors=[author])
    make_article("Alte Smartwatch", published_at=timezone.now() - timedelta(days=400))
    assert headlines("Smartwatch", Filters(article_kind="review")) == ["Smartwatch-Test"]
    assert headlines("Smartwatch", Filters(topic_id=topic.pk)) == ["Smartwatch-Test"]
    assert headlines("Smartwatch", Filters(author_id=author.pk)) == ["Smartwatch-News"]
    since = (timezone.now() - timedelta(days=30)).date()
    assert "Alte Smartwatch" not in headlines("Smartwatch", Filters(date_from=since))
    until = (timezone.now() - timedelta(days=300)).date()
    assert headlines("Smartwatch", Filters(date_to=until)) == ["Alte Smartwatch"]


def test_products_galleries_and_topics_are_separate_groups(make_article, galaxy_s7):
    ProductFactory(name="Galaxy S9", slug="galaxy-s9", is_published=False)
    GalleryFactory(title="Galaxy S7 in Bildern")
    GalleryFactory(title="Galaxy S7 geheim", is_published=False)
    TopicFactory(name="Galaxy")
    results = service.search("Galaxy")
    assert [str(p) for p in results.products] == ["Samsung Galaxy S7"]
    assert [g.title for g in results.galleries] == ["Galaxy S7 in Bildern"]
    assert [t.name for t in results.topics] == ["Galaxy"]


def test_did_you_mean_offers_a_word_from_the_index(make_article):
    make_article("Akkulaufzeit im Vergleich")
    results = service.search("Akkulaufzet")
    assert not results.articles
    assert results.did_you_mean == "akkulaufzeit"


def test_suggest_completes_the_word_being_typed(make_article):
    make_article("Smartwatch mit Herzfrequenzmessung")
    make_article("Faltbares Smartphone")
    assert [s["headline"] for s in service.suggest("Smartw")] == [
        "Smartwatch mit Herzfrequenzmessung"
    ]
    assert [s["headline"] for s in service.suggest("Herzfreq")] == [
        "Smartwatch mit Herzfrequenzmessung"
    ]
    assert service.suggest("S") == []


def test_reindex_command_rebuilds_the_index(make_article, galaxy_s7):
    make_article("Die Akkulaufzeit des Galaxy S7")
    SearchEntry.objects.all().delete()
    assert headlines("Akku") == []
    call_command("search_reindex", verbosity=0)
    assert headlines("Akku") == ["Die Akkulaufzeit des Galaxy S7"]
    assert [str(p) for p in service.search("Galaxy S7").products] == ["Samsung Galaxy S7"]


def test_a_common_word_is_ranked_over_all_its_matches(make_article):
    """An old headline match outranks newer body matches beyond the window: every match is
    ranked, not only the most recently indexed ones."""
    oldest = make_article("Smartwatch im Test", published_at=timezone.now() - timedelta(days=700))
    for number in range(5):
        make_article(f"Neuheit Nummer {number}", body="Eine Smartwatch am Rande.")
    assert headlines_in_window("Smartwatch", 3)[0] == oldest.headline
    # A rarer word is still found wherever it is.
    assert headlines("Nummer 0") == ["Neuheit Nummer 0"]


def headlines_in_window(text, window):
    return [result.article.headline for result in service.search(text, window=window).articles]


def test_more_matches_than_the_window_are_not_counted(make_article):
    for number in range(4):
        make_article(f"Smartwatch Nummer {number}")
    results = service.search("Smartwatch", window=3)
    assert results.more and results.total == 3
    assert not service.search("Smartwatch", window=10).more


def test_the_index_only_plan_of_a_search_ends_with_the_search(make_article):
    """On PostgreSQL the match tells the planner to use the GIN index (a common word made it read
    the whole table); a query after the search in the same transaction plans as usual."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    make_article("Smartwatch im Test")
    with transaction.atomic(), connection.cursor() as cursor:
        assert headlines("Smartwatch") == ["Smartwatch im Test"]
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
