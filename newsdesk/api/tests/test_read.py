from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def test_only_what_readers_see_leaves_the_api(client):
    """Drafts, articles in review and scheduled ones before their time never appear."""
    public = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    review = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None)
    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=2)
    )
    assert ids(client.get("/api/v1/articles/")) == [public.pk]
    for hidden in (draft, review, scheduled):
        assert client.get(f"/api/v1/articles/{hidden.pk}/").status_code == 404
        assert client.get(f"/api/v1/articles/?q={hidden.headline}").json()["items"] == []


def test_scheduled_article_appears_at_its_time_like_on_the_page(client):
    due = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(f"/api/v1/articles/{due.pk}/").status_code == 200


def test_unpublished_products_galleries_videos_stay_hidden(client):
    ProductFactory(slug="geheim", is_published=False)
    GalleryFactory(slug="geheim", is_published=False)
    VideoFactory(slug="geheim", is_published=False)
    for name in ("products", "galleries", "videos"):
        assert client.get(f"/api/v1/{name}/").json()["items"] == []
        assert client.get(f"/api/v1/{name}/geheim/").status_code == 404


def test_article_detail_has_body_as_html_and_markdown_with_embeds_resolved(client):
    product = ProductFactory(slug="galaxy-s7")
    OfferFactory(product=product)
    GalleryFactory(slug="bilder", image_count=2)
    hidden = GalleryFactory(slug="versteckt", is_published=False)
    topic = TopicFactory()
    article = ArticleFactory(
        body=(
            "## Fazit\n\nGut.\n\n[[gallery:bilder]]\n\n[[gallery:versteckt]]\n\n"
            "[[product:galaxy-s7]]"
        ),
        topics=[topic],
    )
    data = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert data["body_markdown"] == article.body
    assert "<h2" in data["body_html"] and "Fazit" in data["body_html"]
    assert [(e["kind"], e["slug"]) for e in data["embeds"]] == [
        ("gallery", "bilder"),
        ("product", "galaxy-s7"),
    ]
    images = data["embeds"][0]["object"]["images"]
    assert len(images) == 2 and all(image["credit"] for image in images)
    offer = data["embeds"][1]["object"]["offers"][0]
    assert offer["label"] == "Werbung" and offer["url"].endswith(f"/go/{offer['id']}/")
    assert hidden.title not in data["body_html"]
    assert data["topics"][0]["slug"] == topic.slug
    assert data["authors"][0]["name"]


def test_sponsored_article_and_review_carry_label_and_verdict(client):
    article = ArticleFactory(
        kind=Article.Kind.REVIEW,
        is_sponsored=True,
        sponsor_name="Samsung",
        score=8.5,
        verdict="Stark.",
        pros="Akku\nDisplay",
        cons="Preis",
    )
    data = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert data["ad_label"] == "Anzeige" and data["sponsor_name"] == "Samsung"
    assert data["verdict"] == {
        "score": 8.5,
        "text": "Stark.",
        "pros": ["Akku", "Display"],
        "cons": ["Preis"],
    }
    listed = client.get("/api/v1/articles/").json()["items"][0]
    assert listed["sponsored"] is True and listed["ad_label"] == "Anzeige"


def test_filters(client):
    topic, author = TopicFactory(slug="handys"), AuthorFactory(slug="anna")
    product = ProductFactory(slug="pixel")
    a = ArticleFactory(kind=Article.Kind.REVIEW, topics=[topic])
    b = ArticleFactory(authors=[author], published_at=timezone.now() - timedelta(days=10))
    c = ArticleFactory()
    c.products.set([product])
    assert ids(client.get("/api/v1/articles/?kind=review")) == [a.pk]
    assert ids(client.get("/api/v1/articles/?topic=handys")) == [a.pk]
    assert ids(client.get("/api/v1/articles/?author=anna")) == [b.pk]
    assert ids(client.get("/api/v1/articles/?product=pixel")) == [c.pk]
    before = (timezone.now() - timedelta(days=5)).date().isoformat()
    assert ids(client.get(f"/api/v1/articles/?published_before={before}")) == [b.pk]
    assert set(ids(client.get(f"/api/v1/articles/?published_after={before}"))) == {a.pk, c.pk}
    Article.objects.filter(pk=b.pk).update(modified_at=timezone.now() - timedelta(days=3))
    Article.objects.filter(pk__in=[a.pk, c.pk]).update(modified_at=timezone.now())
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert set(ids(client.get("/api/v1/articles/", {"updated_since": since}))) == {a.pk, c.pk}
    assert client.get("/api/v1/articles/?topic=gibtsnicht").status_code == 400
    assert client.get("/api/v1/articles/?kind=gibtsnicht").status_code == 422


def test_cursor_pagination_walks_every_article_once(client):
    now = timezone.now()
    made = [ArticleFactory(published_at=now - timedelta(minutes=n % 3)) for n in range(7)]
    seen, url = [], "/api/v1/articles/?limit=3"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert sorted(seen) == sorted(a.pk for a in made) and len(seen) == 7
    assert client.get("/api/v1/articles/?cursor=kaputt").status_code == 400
    assert client.get("/api/v1/articles/?limit=1000").status_code == 400


def test_field_selection(client):
    article = ArticleFactory()
    item = client.get("/api/v1/articles/?fields=id,headline").json()["items"][0]
    assert item == {"id": article.pk, "headline": article.headline}
    detail = client.get(f"/api/v1/articles/{article.pk}/?fields=body_markdown").json()
    assert detail == {"body_markdown": article.body}
    listed = client.get("/api/v1/articles/?fields=id,body_html").json()["items"][0]
    assert "Der Hersteller schweigt" in listed["body_html"]
    assert client.get("/api/v1/articles/?fields=passwort").status_code == 400


def test_search_uses_the_site_search(client):
    hit = ArticleFactory(headline="Akkulaufzeit des Pixel im Test")
    ArticleFactory(headline="Neue Kopfhörer")
    assert ids(client.get("/api/v1/articles/?q=Akkulaufzeit")) == [hit.pk]


def test_responses_carry_the_pages_surrogate_keys_and_use_the_page_cache(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_PAGE_CACHE = True
    article = ArticleFactory(lead_image=ImageFactory())
    first = client.get(f"/api/v1/articles/{article.pk}/")
    keys = first["Surrogate-Key"].split()
    assert f"article-{article.pk}" in keys
    assert f"author-{article.ordered_authors()[0].pk}" in keys
    assert first["X-Cache"] == "MISS"
    assert client.get(f"/api/v1/articles/{article.pk}/")["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Neu"
        article.save()
    again = client.get(f"/api/v1/articles/{article.pk}/")
    assert again["X-Cache"] == "MISS" and again.json()["headline"] == "Neu"
    assert "home" in client.get("/api/v1/articles/")["Surrogate-Key"].split()
    token_holder = client.get(f"/api/v1/articles/{article.pk}/", HTTP_AUTHORIZATION="Bearer x")
    assert token_holder["X-Cache"] == "HIT"  # public content: the shared copy is the same


def test_topics_authors_products_galleries_videos(client):
    topic, author = TopicFactory(), AuthorFactory()
    product = ProductFactory()
    OfferFactory(product=product)
    gallery, video = GalleryFactory(image_count=1), VideoFactory()
    assert client.get(f"/api/v1/topics/{topic.slug}/").json()["name"] == topic.name
    assert client.get(f"/api/v1/authors/{author.slug}/").json()["name"] == author.name
    offers = client.get(f"/api/v1/products/{product.slug}/").json()["offers"]
    assert offers[0]["label"] == "Werbung" and offers[0]["rel"] == "sponsored nofollow"
    slide = client.get(f"/api/v1/galleries/{gallery.slug}/").json()["images"][0]
    assert slide["caption"] and slide["credit"]
    assert client.get(f"/api/v1/videos/{video.slug}/").json()["poster"]["credit"]
    assert ids(client.get("/api/v1/topics/?limit=1")) == [topic.pk]


def test_schema_is_openapi_31_and_docs_load_nothing_from_elsewhere(client):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/articles/" in schema["paths"]
    docs = client.get("/api/v1/docs/").content.decode()
    assert "/api/v1/articles/" in docs
    assert "<script" not in docs and "https://" not in docs and "http://" not in docs
    # Styled from our own static file: the site's CSP refuses inline styles.
    assert "<style" not in docs and "api/docs.css" in docs
    # Optional text filters name their type too.
    assert "<td><code>topic</code></td><td>query</td><td>string | null</td>" in docs


def test_the_api_root_lists_its_entry_points_and_unknown_addresses_answer_json(client):
    root = client.get("/api/v1/")
    assert root.status_code == 200 and root.json()["articles"] == "/api/v1/articles/"
    missing = client.get("/api/v1/nix/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"
    assert "/api/v1/docs/" in missing.json()["detail"]


def test_a_taken_down_article_leaves_the_api_at_once(
    client, settings, django_capture_on_commit_callbacks
):
    from newsdesk.articles import services

    settings.NEWSDESK_PAGE_CACHE = True
    article = ArticleFactory(headline="Rückruf beim Pixel")
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 200
    assert ids(client.get("/api/v1/articles/")) == [article.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_article(article, None)
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 404
    assert ids(client.get("/api/v1/articles/")) == []
    assert ids(client.get("/api/v1/articles/?q=Rückruf")) == []


def test_a_token_holders_draft_never_lands_in_the_shared_cache(client, settings):
    from newsdesk.api.tokens import create_token
    from newsdesk.newsroom.groups import EDITOR
    from newsdesk.newsroom.tests.helpers import newsroom_user

    settings.NEWSDESK_PAGE_CACHE = True
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    _token, key = create_token(newsroom_user(EDITOR, "rita"), "r", ["read_drafts"])
    url = f"/api/v1/drafts/{draft.pk}/"
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    anonymous = client.get(url)
    assert anonymous.status_code == 401 and draft.headline not in anonymous.content.decode()


def test_far_off_dates_and_odd_offsets_get_a_plain_answer_not_a_server_error(client):
    ArticleFactory()
    odd = client.get("/api/v1/articles/?updated_since=2026-08-16T17:45:51-20:15")
    assert odd.status_code == 200  # read in UTC
    far = client.get("/api/v1/articles/?published_after=0292-05-13")
    assert far.status_code == 422
    assert "zwischen 1900 und 2100" in far.content.decode()
