"""A change re-renders exactly the cached pages that show what changed; the rest stay cached.

Each test fills the page cache with the site's real pages, makes one change the way the newsroom
does, and asks every page again: "MISS" means it was rendered anew, "HIT" that it came from the
cache.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from newsdesk.articles.models import Article, RelatedArticle
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.pages.models import Page
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(django_capture_on_commit_callbacks):
    """Two unrelated stories, and the pages around them, as committed (search entries and
    suggestions follow a commit)."""
    with override_settings(NEWSDESK_PAGE_CACHE=True):
        cache.clear()
        with django_capture_on_commit_callbacks(execute=True):
            topic, other_topic = TopicFactory(name="Smartphones"), TopicFactory(name="Notebooks")
            author, other_author = AuthorFactory(), AuthorFactory()
            product = ProductFactory(name="Galaxy S7", slug="galaxy-s7")
            offer = OfferFactory(product=product)
            gallery = GalleryFactory(slug="s7-bilder", image_count=3)
            video = VideoFactory(slug="s7-video")
            review = ArticleFactory(
                kind=Article.Kind.REVIEW,
                headline="Galaxy S7 im Test",
                slug="s7-test",
                topics=[topic],
                authors=[author],
            )
            story = ArticleFactory(
                headline="Wird das Galaxy S7 teurer?",
                slug="s7-teurer",
                topics=[topic],
                authors=[author],
                body="Text.\n\n[[gallery:s7-bilder]]\n\n[[video:s7-video]]\n\n[[product:galaxy-s7]]",
            )
            story.products.add(product)
            RelatedArticle.objects.create(from_article=story, to_article=review)
            unrelated = ArticleFactory(
                headline="Neues Notebook",
                slug="notebook",
                topics=[other_topic],
                authors=[other_author],
                published_at=timezone.now() - timedelta(days=3),
            )
            impressum = Page.objects.create(slug="impressum", title="Impressum", body="Anschrift")
        pages = {
            "home": "/",
            "story": story.get_absolute_url(),
            "review": review.get_absolute_url(),
            "unrelated": unrelated.get_absolute_url(),
            "topic": topic.get_absolute_url(),
            "other_topic": other_topic.get_absolute_url(),
            "author": author.get_absolute_url(),
            "other_author": other_author.get_absolute_url(),
            "product": product.get_absolute_url(),
            "gallery": gallery.get_absolute_url(),
            "slide": gallery.get_slide_url(1),
            "news": "/news/",
            "impressum": "/impressum/",
        }
        objects = {
            "story": story,
            "review": review,
            "unrelated": unrelated,
            "topic": topic,
            "other_topic": other_topic,
            "author": author,
            "product": product,
            "offer": offer,
            "gallery": gallery,
            "video": video,
            "impressum": impressum,
        }
        yield pages, objects
        cache.clear()


def rerendered(client, pages, capture, change) -> set[str]:
    """Fill the cache, apply ``change``, and name the pages rendered anew afterwards."""
    for path in pages.values():
        assert client.get(path).status_code == 200, path
    assert all(client.get(path)["X-Cache"] == "HIT" for path in pages.values())
    with capture(execute=True):
        change()
    return {name for name, path in pages.items() if client.get(path).get("X-Cache") != "HIT"}


def test_editing_an_articles_text_rerenders_pages_that_show_it(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def edit():
        story = objects["story"]
        story.headline = "Wird das Galaxy S7 wirklich teurer?"
        story.save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, edit)
    # The review of the same product shows the story in its computed "Auch interessant" box.
    assert changed == {"story", "home", "topic", "author", "product", "news", "review"}
    assert "wirklich teurer" in client.get(pages["home"]).content.decode()
    assert "wirklich teurer" in client.get(pages["review"]).content.decode()


def test_publishing_a_new_article_rerenders_its_listings_only(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def publish():
        ArticleFactory(topics=[objects["other_topic"]], authors=[AuthorFactory()])

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, publish)
    # Besides its listings, the new article enters the computed "Auch interessant" boxes of
    # the article on its topic ("unrelated") and of the one with nearly its headline ("story").
    assert changed == {"home", "other_topic", "news", "unrelated", "story"}


def test_unpublishing_removes_the_article_everywhere(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def unpublish():
        review = objects["review"]
        review.status = Article.Status.DRAFT
        review.save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, unpublish)
    # The story's related box showed the review; the review's own page is gone.
    assert {"review", "story", "home", "topic", "author"} <= changed
    assert not changed & {"unrelated", "other_topic", "impressum", "gallery"}
    assert client.get(pages["review"]).status_code == 404
    assert "Galaxy S7 im Test" not in client.get(pages["story"]).content.decode()


def test_image_caption_change_rerenders_gallery_and_the_article_that_embeds_it(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def recaption():
        image = objects["gallery"].ordered_images()[0]
        image.caption = "Die Rückseite aus Glas"
        image.save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, recaption)
    assert changed == {"gallery", "slide", "story"}


def test_offer_price_change_rerenders_product_page_and_articles_with_its_offers(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def reprice():
        offer = objects["offer"]
        offer.price = Decimal("449.00")
        offer.save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, reprice)
    assert changed == {"product", "story"}


def test_video_change_rerenders_the_article_that_embeds_it(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def recaption():
        objects["video"].caption = "Das Galaxy S7 im Hands-On (Update)"
        objects["video"].save()

    assert rerendered(client, pages, django_capture_on_commit_callbacks, recaption) == {"story"}


def test_topic_rename_rerenders_pages_that_name_it(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def rename():
        objects["topic"].name = "Handys"
        objects["topic"].save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, rename)
    assert {"topic", "story", "review", "home"} <= changed
    assert not changed & {"unrelated", "other_topic", "other_author", "impressum"}


def test_author_change_rerenders_their_page_and_bylines(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def rename():
        objects["author"].name = "Jana Beispiel-Neu"
        objects["author"].save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, rename)
    assert {"author", "story", "review", "home", "topic"} <= changed
    assert not changed & {"unrelated", "other_topic", "other_author", "impressum"}


def test_approved_comment_rerenders_its_article_not_others(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def approve():
        CommentFactory(article=objects["unrelated"], status=Comment.Status.APPROVED)

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, approve)
    assert "unrelated" in changed
    assert not changed & {"story", "review", "topic", "product", "gallery", "impressum"}


def test_footer_page_change_rerenders_every_page(client, site, django_capture_on_commit_callbacks):
    pages, objects = site

    def edit():
        objects["impressum"].title = "Impressum und Kontakt"
        objects["impressum"].save()

    assert rerendered(client, pages, django_capture_on_commit_callbacks, edit) == set(pages)


def test_deleting_an_article_rerenders_its_listings(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site
    changed = rerendered(
        client, pages, django_capture_on_commit_callbacks, objects["unrelated"].delete
    )
    assert {"home", "other_topic", "other_author", "news"} <= changed
    assert not changed & {"story", "review", "topic", "product", "gallery"}


def test_cached_pages_carry_no_cookie_csrf_token_or_reader_data(client, site):
    pages, _objects = site
    for path in pages.values():
        client.get(path)
        response = client.get(path)
        assert response["X-Cache"] == "HIT"
        assert not response.cookies
        body = response.content.decode()
        assert "csrfmiddlewaretoken" not in body


def test_comment_form_works_from_a_cached_page(client, site):
    pages, objects = site
    client.get(pages["story"])
    page = client.get(pages["story"])
    assert page["X-Cache"] == "HIT" and 'action="/kommentare/' in page.content.decode()
    response = client.post(
        f"/kommentare/{objects['story'].pk}/",
        {
            "author_name": "Lea",
            "author_email": "lea@example.org",
            "body": "Gute Frage!",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(author_name="Lea", status=Comment.Status.PENDING).exists()


def test_bulk_moderation_in_the_newsroom_rerenders_the_article(
    client, site, django_capture_on_commit_callbacks
):
    from newsdesk.comments.services import moderate_comments

    pages, objects = site
    waiting = CommentFactory(
        article=objects["story"], status=Comment.Status.PENDING, body="Endlich freigeschaltet"
    )

    def approve():
        moderate_comments([waiting], Comment.Status.APPROVED, None)

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, approve)
    assert "story" in changed and "unrelated" not in changed
    assert "Endlich freigeschaltet" in client.get(pages["story"]).content.decode()


def test_scheduled_article_enters_cached_listings_exactly_at_its_time(
    client, site, django_capture_on_commit_callbacks
):
    from unittest import mock

    pages, objects = site
    client.get(pages["home"])
    client.get(pages["unrelated"])
    due = timezone.now() + timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        scheduled = ArticleFactory(
            headline="Punkt fünf nach",
            status=Article.Status.SCHEDULED,
            published_at=due,
            topics=[objects["topic"]],
        )
    home = client.get(pages["home"])
    assert home["X-Cache"] == "HIT" and "Punkt fünf nach" not in home.content.decode()
    # Five minutes later, before any publish-due run: the home page renders anew and shows it.
    later = due + timedelta(seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        home = client.get(pages["home"])
        assert home["X-Cache"] == "MISS" and "Punkt fünf nach" in home.content.decode()
        assert client.get(pages["unrelated"])["X-Cache"] == "HIT"
    assert scheduled.status == Article.Status.SCHEDULED
