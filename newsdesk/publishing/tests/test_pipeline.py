"""What readers and editors notice after a change: new pages at once, takedowns gone at once,
one purge per save or moderation batch.

Each test commits its changes the way a request does (``django_capture_on_commit_callbacks``
runs the follow-up that a commit runs) and then asks the site.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse

from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.services import moderate_comments
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user
from newsdesk.pagecache import store
from newsdesk.pagecache.middleware import page_key_for
from newsdesk.pages.models import Page
from newsdesk.publishing import changes, keys
from newsdesk.publishing.testing import RECORDING, RecordingPurger

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached_site():
    """The page cache on, purges recorded instead of sent."""
    RecordingPurger.reset()
    with override_settings(
        NEWSDESK_PAGE_CACHE=True,
        NEWSDESK_PURGE_BACKEND=RECORDING,
        NEWSDESK_PAGE_CACHE_WAIT=0.1,
    ):
        cache.clear()
        yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs the block's follow-up as its commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def cached(client, path: str) -> str:
    """Render the page into the cache and check that it is served from there."""
    client.get(path)
    response = client.get(path)
    assert response["X-Cache"] == "HIT", path
    return response.content.decode()


def test_editor_save_shows_the_new_headline_with_one_purge_and_one_index_write(
    client, committed, monkeypatch
):
    phones, tablets = TopicFactory(name="Smartphones"), TopicFactory(name="Tablets")
    with committed():
        article = ArticleFactory(headline="Galaxy S7 wird teurer", topics=[phones])
    url = article.get_absolute_url()
    cached(client, url)
    RecordingPurger.reset()
    writes = []
    from newsdesk.search import indexing

    original = indexing.store
    monkeypatch.setattr(indexing, "store", lambda *a, **k: writes.append(1) or original(*a, **k))

    editor = client_for_editor(client)
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(editor.get(change).content.decode(), "article_form")
    data.update({"headline": "Galaxy S7 wird doch nicht teurer", "topics": [str(tablets.pk)]})
    with committed():
        assert editor.post(change, data).status_code == 302
    editor.logout()

    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Galaxy S7 wird doch nicht teurer" in response.content.decode()
    assert len(RecordingPurger.sent) == 1
    purged, hard = RecordingPurger.sent[0]
    assert not hard
    assert {keys.article(article.pk), keys.listing(phones), keys.listing(tablets)} <= set(purged)
    assert len(writes) == 1


def client_for_editor(client):
    client.force_login(newsroom_user(EDITOR, "rita"))
    return client


@pytest.mark.parametrize("how", ["unpublish", "delete"])
def test_taken_down_article_is_gone_at_once_even_while_another_reader_renders(
    client, committed, how
):
    """No STALE copy, no shared-cache lifetime: the next reader gets a 404."""
    with committed():
        article = ArticleFactory(headline="Rechtswidriger Bericht")
    url, pk = article.get_absolute_url(), article.pk
    cached(client, url)
    RecordingPurger.reset()

    with committed():
        if how == "unpublish":
            services.unpublish_article(article, newsroom_user(EDITOR, "rita"))
        else:
            article.delete()
    # Another reader is rendering the page right now (holds the render lock): before,
    # everyone else got the cached copy as STALE meanwhile.
    page_key = page_key_for(RequestFactory().get(url))
    assert store.acquire_render_lock(page_key)
    try:
        response = client.get(url)
    finally:
        store.release_render_lock(page_key)
    assert response.status_code == 404
    assert response.get("X-Cache") != "STALE"
    assert "s-maxage" not in response.get("Cache-Control", "")
    assert "Rechtswidriger Bericht" not in response.content.decode()
    hard_purges = [purged for purged, hard in RecordingPurger.sent if hard]
    assert hard_purges == [[keys.article(pk)]]


def test_moderating_twenty_comments_purges_their_article_page_once(client, committed):
    with committed():
        article = ArticleFactory()
        pending = [
            CommentFactory(article=article, status=Comment.Status.PENDING) for _ in range(20)
        ]
    RecordingPurger.reset()
    with committed():
        assert moderate_comments(pending, Comment.Status.APPROVED, None) == 20
    assert RecordingPurger.sent == [([keys.article(article.pk)], False)]


def test_publishing_a_gallery_an_article_embeds_reaches_readers_at_once(client, committed):
    with committed():
        gallery = GalleryFactory(slug="s7-bilder", title="Das Galaxy S7 von allen Seiten")
        gallery.is_published = False
        gallery.save()
        article = ArticleFactory(body="Text.\n\n[[gallery:s7-bilder]]")
    url = article.get_absolute_url()
    assert "Das Galaxy S7 von allen Seiten" not in cached(client, url)

    with committed():
        gallery.is_published = True
        gallery.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Das Galaxy S7 von allen Seiten" in response.content.decode()


def test_footer_links_to_impressum_and_datenschutz_once_the_demo_created_them(client, committed):
    """A page rendered before the demo's standing pages existed cached an empty footer."""
    from newsdesk.demo.loader import DemoLoader

    with committed():
        article = ArticleFactory()
    url = article.get_absolute_url()
    assert "Impressum" not in cached(client, url)
    with committed():
        DemoLoader().ensure_pages()
    html = client.get(url).content.decode()
    assert 'href="/impressum/"' in html and 'href="/datenschutz/"' in html


def test_renamed_page_keeps_its_old_address(client, committed):
    with committed():
        page = Page.objects.create(slug="impressum", title="Impressum", body="Anschrift")
    with committed():
        page.slug = "kontakt"
        page.save()
    response = client.get("/impressum/")
    assert response.status_code == 301 and response["Location"] == "/kontakt/"


FIXTURES = Path(__file__).parents[2] / "importers" / "tests" / "fixtures" / "wordpress"


def test_wordpress_import_updates_the_month_and_news_sitemaps(client, committed):
    july = dt.datetime(2016, 7, 20, 9, 0, tzinfo=dt.UTC)
    with committed():
        ArticleFactory(headline="Schon da", published_at=july)
    month = "/sitemap-artikel-2016-07.xml"
    assert cached(client, month).count("<url>") == 1
    assert client.get("/sitemap-news.xml").status_code == 200
    RecordingPurger.reset()

    with committed():
        call_command(
            "import_wordpress",
            str(FIXTURES / "technikblatt.wordpress.xml"),
            "--media",
            str(FIXTURES / "uploads"),
            verbosity=0,
        )
    response = client.get(month)
    assert response["X-Cache"] == "MISS"
    imported = Article.objects.published().filter(published_at__year=2016, published_at__month=7)
    assert response.content.decode().count("<url>") == imported.count() > 1
    purged = {key for batch, _hard in RecordingPurger.sent for key in batch}
    assert {keys.sitemap_month(july.date()), keys.SITEMAP_NEWS} <= purged
    assert len(RecordingPurger.sent) == 1  # the whole import is one batch


def test_a_rolled_back_change_purges_nothing(committed):
    from django.db import transaction

    with committed():
        rolled_back, saved = ArticleFactory(), ArticleFactory()
    RecordingPurger.reset()
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            rolled_back.headline = "Nie gespeichert"
            rolled_back.save()
            raise RuntimeError
        saved.headline = "Gespeichert"
        saved.save()
    # The commit purges once; the related refresh that follows it as a task purges the boxes.
    purged = [batch for batch, _hard in RecordingPurger.sent]
    assert [batch for batch in purged if keys.article(saved.pk) in batch] == purged[:1]
    assert not any(keys.article(rolled_back.pk) in batch for batch in purged)


def test_suppressed_job_follows_up_once_at_its_end(committed):
    with committed():
        with changes.suppressed():
            for _ in range(3):
                ArticleFactory()
            assert RecordingPurger.sent == []
    assert len(RecordingPurger.sent) == 1


def test_changed_bake_shows_the_imported_posts_in_the_month_sitemap(tmp_path, committed):
    from newsdesk.pagecache.bake import Baker
    from newsdesk.pagecache.bakepages import file_for

    july = dt.datetime(2016, 7, 20, 9, 0, tzinfo=dt.UTC)
    with committed():
        ArticleFactory(headline="Schon da", published_at=july)
    Baker(tmp_path).bake()
    month = "/sitemap-artikel-2016-07.xml"
    assert file_for(tmp_path, month).read_text().count("<url>") == 1

    with committed():
        call_command(
            "import_wordpress",
            str(FIXTURES / "technikblatt.wordpress.xml"),
            "--media",
            str(FIXTURES / "uploads"),
            verbosity=0,
        )
    Baker(tmp_path).bake(only_changed=True)
    imported = Article.objects.published().filter(published_at__year=2016, published_at__month=7)
    assert file_for(tmp_path, month).read_text().count("<url>") == imported.count() > 1
