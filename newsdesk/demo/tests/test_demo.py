"""The demo newsroom: loaded once for the module (it takes a while), then inspected."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from newsdesk.articles.models import Article, ArticleRevision, Author, Topic
from newsdesk.comments.models import Comment
from newsdesk.commerce.models import Offer, Product, Shop
from newsdesk.demo import content
from newsdesk.galleries import renditions
from newsdesk.galleries.models import Gallery, Image
from newsdesk.pages.models import Page
from newsdesk.videos.models import Video

MODELS = (
    Article,
    ArticleRevision,
    Author,
    Topic,
    Comment,
    Offer,
    Product,
    Shop,
    Gallery,
    Image,
    Page,
    Video,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Runs ``newsdesk demo`` twice; yields the counts after each run and the second output.

    Inside a transaction that is rolled back after the module, like ``setUpTestData``: each
    test's own transaction nests in it as a savepoint. Every image gets its smallest rendition
    only: no test here looks at renditions (``galleries`` tests them), and the five widths in two
    formats of about 100 demo images were most of the module's time.
    """
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(renditions, "RENDITION_WIDTHS", renditions.RENDITION_WIDTHS[:1])
        outer = transaction.atomic()
        outer.__enter__()
        call_command("demo", verbosity=0, stdout=io.StringIO())
        first = counts()
        second_output = io.StringIO()
        call_command("demo", verbosity=0, stdout=second_output)
        second = counts()
    yield first, second, second_output.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def db_with_demo(demo, db):
    return demo


def test_demo_creates_the_promised_amounts(db_with_demo):
    published = Article.objects.published()
    assert published.count() >= 40
    assert set(published.values_list("kind", flat=True)) == set(Article.Kind.values)
    assert Topic.objects.filter(articles__in=published).distinct().count() >= 10
    assert Author.objects.filter(articles__in=published).distinct().count() >= 6
    assert Author.objects.exclude(bio="").filter(photo__isnull=False).count() >= 6
    assert Video.objects.published().count() >= 3
    assert Shop.objects.count() >= 3
    assert Product.objects.published().filter(image__isnull=False).count() >= 8
    assert Offer.objects.values("shop").distinct().count() >= 3
    assert Article.objects.annotate(n=Count("comments")).filter(n__gt=0).count() >= 3
    assert published.filter(lead_image__isnull=False).count() > published.count() // 2
    assert published.exclude(updated_note_at=None).exists()
    assert published.filter(comments_open=False).exists()
    assert Page.objects.filter(slug__in=["impressum", "datenschutz"]).count() == 2


def test_galleries_have_six_to_twelve_credited_images(db_with_demo):
    galleries = Gallery.objects.published()
    assert galleries.count() >= 5
    for gallery in galleries:
        images = list(gallery.ordered_images())
        assert 6 <= len(images) <= 12, gallery.slug
        assert all(image.has_credit and image.caption for image in images), gallery.slug


def test_every_published_article_has_a_revision(db_with_demo):
    assert not Article.objects.filter(revisions__isnull=True).exists()


def test_second_run_changes_nothing_and_says_so(db_with_demo):
    first, second, output = db_with_demo
    assert first == second
    assert "Nichts zu tun" in output
    assert "redaktion / demo-redaktion-2026" in output


def test_scheduled_article_is_invisible_until_its_time(db_with_demo, client):
    scheduled = Article.objects.get(status=Article.Status.SCHEDULED)
    assert scheduled not in Article.objects.published()
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_demo_accounts_can_log_in_with_their_roles(db_with_demo, client):
    user_model = get_user_model()
    editor = user_model.objects.get(username="redaktion")
    author = user_model.objects.get(username="autorin")
    assert editor.groups.filter(name="Redaktion").exists()
    assert author.groups.filter(name="Autor").exists()
    assert author.author_profile.slug == "lena-vogt"
    assert client.login(username="redaktion", password="demo-redaktion-2026")


def test_showcase_page_shows_every_part_of_the_anatomy(db_with_demo, client):
    showcase = Article.objects.get(slug=content.SHOWCASE_SLUG)
    response = client.get(showcase.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert showcase.headline.endswith("?")
    for expected in (
        "Quelle:",
        "Bloomberg",
        "Bilderstrecke starten (9 Bilder)",
        "Auch interessant:",
        " bei Amazon kaufen",
        "mit Vertrag bei o2",
        "*",
        "Werbung",
        "Lumio Aurora X3 im Hands-On",
        "Kommentare",
        "Antworten",
    ):
        assert expected in html, expected
    assert "Kundendienst von Lumio" not in html  # the pending comment waits for a moderator
