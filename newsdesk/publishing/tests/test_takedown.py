"""``newsdesk takedown``: an address taken out of public view everywhere, and recorded."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.pagecache.bakepages import file_for
from newsdesk.pagecache.purge import PurgeFailed
from newsdesk.publishing.models import Takedown
from newsdesk.publishing.testing import RECORDING, RecordingPurger

pytestmark = pytest.mark.django_db


class FailingPurger(RecordingPurger):
    def purge(self, keys, *, hard=False):
        raise PurgeFailed("http://127.0.0.1:6091/: Connection refused")


@pytest.fixture(autouse=True)
def cached_site():
    RecordingPurger.reset()
    with override_settings(NEWSDESK_PAGE_CACHE=True, NEWSDESK_PURGE_BACKEND=RECORDING):
        cache.clear()
        yield
    cache.clear()


def takedown(*args, **options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("takedown", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_taken_down_article_is_404_from_the_app_and_gone_from_the_baked_files(
    client, tmp_path, django_capture_on_commit_callbacks
):
    article = ArticleFactory(headline="Rechtswidriger Bericht")
    path = article.get_absolute_url()
    assert client.get(path).status_code == 200  # now in the app's page cache
    call_command("bake", str(tmp_path), no_assets=True, verbosity=0)
    assert file_for(tmp_path, path).exists()
    editor = newsroom_user(EDITOR, "rita")

    with django_capture_on_commit_callbacks(execute=True):
        out = takedown(path, reason="Einstweilige Verfügung", by="rita", baked=[str(tmp_path)])

    assert client.get(path).status_code == 404
    assert not file_for(tmp_path, path).exists()
    assert not file_for(tmp_path, path).with_name("index.html.gz").exists()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    row = Takedown.objects.get()
    assert (row.url, row.reason, row.taken_down_by, row.complete) == (
        path,
        "Einstweilige Verfügung",
        editor,
        True,
    )
    assert row.content.startswith(f"article {article.pk}")
    assert ([f"article-{article.pk}"], True) in RecordingPurger.sent  # hard, before any worker
    for place in ("unpublished", "app page cache", "Varnish: hard purge", "baked files"):
        assert place in out
        assert any(place in cleared for cleared in row.cleared)


def test_a_full_url_on_the_site_is_taken_down_like_its_path(settings):
    article = ArticleFactory()
    url = settings.NEWSDESK_BASE_URL.rstrip("/") + article.get_absolute_url()
    takedown(url, reason="Persönlichkeitsrecht")
    assert Takedown.objects.get().url == article.get_absolute_url()


@pytest.mark.parametrize(
    "url",
    ["https://example.org/news/fremd-1/", "/gibt-es/nicht/hier/", "ftp://x/", "/news/?seite=2"],
)
def test_an_address_that_is_not_the_sites_is_refused_and_nothing_written(url):
    article = ArticleFactory()
    with pytest.raises(CommandError, match="Nothing was changed"):
        takedown(url, reason="Test")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert not Takedown.objects.exists()
    assert RecordingPurger.sent == []


def test_a_mistyped_address_is_refused_instead_of_recorded_as_taken_down(tmp_path):
    # One path segment resolves (the standing pages' catch-all), but nothing is published there.
    with pytest.raises(CommandError, match="shows nothing on this site: the app answers 404"):
        takedown("/gibt-es-nicht/", reason="Test", baked=[str(tmp_path)])
    assert not Takedown.objects.exists()
    assert RecordingPurger.sent == []


def test_a_deleted_articles_baked_copy_can_still_be_taken_down(tmp_path):
    article = ArticleFactory()
    path = article.get_absolute_url()
    call_command("bake", str(tmp_path), no_assets=True, verbosity=0)
    Article.objects.filter(pk=article.pk).delete()  # behind the pipeline's back
    # Varnish drops pages by the keys of a registered object: a bare path has none to purge.
    with pytest.raises(CommandError, match="incomplete"):
        takedown(path, reason="Löschung", baked=[str(tmp_path)])
    assert not file_for(tmp_path, path).exists()
    row = Takedown.objects.get()
    assert row.url == path
    assert any(place.startswith("baked files: ") for place in row.cleared)


def test_an_unknown_user_is_refused_before_anything_is_written():
    article = ArticleFactory()
    with pytest.raises(CommandError, match="No user"):
        takedown(article.get_absolute_url(), reason="Test", by="niemand")
    assert not Takedown.objects.exists()


def test_a_user_who_may_not_unpublish_is_refused_and_nothing_written():
    from newsdesk.newsroom.groups import AUTHOR

    article = ArticleFactory()
    newsroom_user(AUTHOR, "anna")
    with pytest.raises(CommandError, match="may not unpublish"):
        takedown(article.get_absolute_url(), reason="Test", by="anna")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert not Takedown.objects.exists()


def test_a_purge_varnish_does_not_confirm_fails_the_command_and_is_recorded_incomplete():
    article = ArticleFactory()
    failing = f"{__name__}.FailingPurger"
    with override_settings(NEWSDESK_PURGE_BACKEND=failing):
        with pytest.raises(CommandError, match="incomplete"):
            takedown(article.get_absolute_url(), reason="Abmahnung")
    row = Takedown.objects.get()
    assert row.complete is False
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT  # unpublished all the same


def test_takedowns_are_listed_read_only_in_the_newsroom(admin_client):
    Takedown.objects.create(url="/news/alt-1/", reason="Abmahnung", cleared=["app page cache"])
    response = admin_client.get("/newsroom/publishing/takedown/")
    assert response.status_code == 200
    assert "/news/alt-1/" in response.content.decode()
    assert admin_client.get("/newsroom/publishing/takedown/add/").status_code == 403


@pytest.mark.parametrize("how", ["unpublished", "deleted"])
def test_an_article_the_newsroom_takes_back_is_gone_from_the_baked_files_at_once(
    how, tmp_path, settings, django_capture_on_commit_callbacks
):
    # nginx serves a baked file before it asks the app: it must go with the commit, not with
    # the next `bake --changed`.
    from newsdesk.articles import services

    settings.NEWSDESK_BAKE_DIR = str(tmp_path)
    article = ArticleFactory(headline="Zurückgezogener Bericht")
    neighbour = ArticleFactory(headline="Bleibt online")
    call_command("bake", str(tmp_path), no_assets=True, verbosity=0)
    path = article.get_absolute_url()
    assert file_for(tmp_path, path).exists()

    with django_capture_on_commit_callbacks(execute=True):
        if how == "unpublished":
            services.unpublish_article(article, None)
        else:
            article.delete()

    for name in ("index.html", "index.html.gz", "index.html.br"):
        assert not file_for(tmp_path, path).with_name(name).exists(), name
    assert file_for(tmp_path, neighbour.get_absolute_url()).exists()
