"""The search page and the suggest endpoint as readers use them."""

import re

import pytest
from django.urls import reverse

from newsdesk.articles.models import Article

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
SUGGEST = reverse("search:suggest")


def test_results_show_highlighted_snippets(client, make_article):
    make_article("Galaxy S7 im Test", body="Die Akkulaufzeit überzeugt im Alltag.")
    html = client.get(SEARCH, {"q": "Akku"}).content.decode()
    assert "Galaxy S7 im Test" in html
    assert "Die <mark>Akkulaufzeit</mark> überzeugt" in html
    assert "1 Artikel gefunden" in html


def test_highlights_escape_html_in_the_text(client, make_article):
    make_article("Sicherheitslücke", teaser="Ein <script>alert(1)</script> im Akku-Treiber.")
    html = client.get(SEARCH, {"q": "Akku"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Ein &lt;script&gt;alert(1)&lt;/script&gt; im <mark>Akku</mark>-Treiber." in html
    html = client.get(SEARCH, {"q": "<b>Akku"}).content.decode()
    assert "<b>" not in html and 'value="&lt;b&gt;Akku"' in html


def test_search_pages_are_noindex(client, make_article):
    make_article("Smartwatch")
    for params in ({}, {"q": "Smartwatch"}, {"q": "nichts"}):
        response = client.get(SEARCH, params)
        assert response["X-Robots-Tag"] == "noindex"
        assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_nothing_found_says_so_and_suggests_a_spelling(client, make_article):
    make_article("Akkulaufzeit im Vergleich")
    html = client.get(SEARCH, {"q": "Akkulaufzet"}).content.decode()
    assert "Zu „Akkulaufzet“ wurde nichts gefunden." in html
    assert 'Meinten Sie <a href="?q=akkulaufzeit">akkulaufzeit</a>?' in html, html


def test_filters_in_the_form(client, make_article):
    make_article("Smartwatch-Test", kind=Article.Kind.REVIEW)
    make_article("Smartwatch-News")
    html = client.get(SEARCH, {"q": "Smartwatch", "art": "test"}).content.decode()
    assert "Smartwatch-Test" in html and "Smartwatch-News" not in html


def test_bad_filter_values_give_a_german_error_not_a_500(client, make_article):
    make_article("Smartwatch")
    response = client.get(
        SEARCH, {"q": "Smartwatch", "von": "2026-13-45", "thema": "gibt-es-nicht", "art": "x"}
    )
    assert response.status_code == 200
    assert "gültiges Datum" in response.content.decode()
    response = client.get(SEARCH, {"q": "Smartwatch", "von": "2026-05-02", "bis": "2026-05-01"})
    assert "„bis“ liegt vor „von“." in response.content.decode()


def test_pages_of_results(client, make_article):
    for number in range(25):
        make_article(f"Smartwatch Nummer {number}")
    first = client.get(SEARCH, {"q": "Smartwatch"}).content.decode()
    second = client.get(SEARCH, {"q": "Smartwatch", "seite": "2"}).content.decode()
    assert first.count('class="search-result"') == 20
    assert second.count('class="search-result"') == 5
    assert "Seite 2 von 2" in second


def test_suggest_answers_json_headlines(client, make_article):
    article = make_article("Smartwatch mit Herzfrequenzmessung")
    data = client.get(SUGGEST, {"q": "Smartw"}).json()
    assert data["suggestions"] == [
        {"headline": "Smartwatch mit Herzfrequenzmessung", "url": article.get_absolute_url()}
    ]


def test_the_site_header_has_a_search_form(client):
    html = client.get(reverse("articles:home")).content.decode()
    assert f'action="{SEARCH}"' in html


def test_the_newsroom_edits_synonyms(client, make_article):
    from newsdesk.newsroom.groups import EDITOR
    from newsdesk.newsroom.tests.helpers import newsroom_user
    from newsdesk.search import service

    make_article("Der Flachrechner kommt")
    client.force_login(newsroom_user(EDITOR))
    response = client.post(reverse("admin:search_synonym_add"), {"words": "Tablet, Flachrechner"})
    assert response.status_code == 302
    assert [r.article.headline for r in service.search("Tablet").articles] == [
        "Der Flachrechner kommt"
    ]


def test_many_results_say_more_than(client, make_article, monkeypatch):
    from newsdesk.search import service

    monkeypatch.setattr(service, "RANK_WINDOW", 2)
    for number in range(3):
        make_article(f"Smartwatch Nummer {number}")
    html = client.get(SEARCH, {"q": "Smartwatch"}).content.decode()
    assert "Mehr als 2 Artikel gefunden, die 2 besten werden gezeigt" in html


def test_sponsored_articles_carry_the_anzeige_label_in_search_results(client, make_article):
    """Like every other listing and both feeds: advertising is recognisable as such (MStV)."""
    make_article("Router-Aktion im Test", is_sponsored=True, sponsor_name="Router AG")
    make_article("Router im Vergleich")
    html = client.get(SEARCH, {"q": "Router"}).content.decode()
    results = re.findall(r'<li class="search-result">.*?</li>', html, re.S)
    labelled = {
        re.search(r'teaser-title"><a [^>]*>([^<]+)', item).group(1): "Anzeige" in item
        for item in results
    }
    assert labelled == {"Router-Aktion im Test": True, "Router im Vergleich": False}


def test_the_next_page_of_results_keeps_the_query_and_the_filters(client, make_article):
    for number in range(25):
        make_article(f"Akku-Test Nummer {number}")
    first = client.get(
        "/suche/", {"q": "Akku", "art": "news", "utm_source": "newsletter", "sortierung": "x"}
    )
    html = first.content.decode()
    assert 'rel="next" href="/suche/?q=Akku&amp;art=news&amp;seite=2"' in html
    second = client.get("/suche/", {"q": "Akku", "art": "news", "seite": "2"}).content.decode()
    assert "Akku-Test" in second
    assert 'rel="prev" href="/suche/?q=Akku&amp;art=news"' in second
