"""``newsdesk bake``: the public site as files, and re-baking only what changed."""

import gzip
import json
import re

import brotli
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include
from django.urls import path as route

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.pagecache import bake as bake_module
from newsdesk.pagecache.bake import Baker, public_paths
from newsdesk.pagecache.bakepages import file_for
from newsdesk.pagecache.manifest import FILENAME, LEGACY_JSON, Manifest
from newsdesk.pagecache.models import KeyGeneration
from newsdesk.pages.models import Page
from newsdesk.related import scoring
from newsdesk.related.models import Suggestion

pytestmark = pytest.mark.django_db


def feed(request):
    return HttpResponse("<rss>Neu</rss>", content_type="application/rss+xml")


# The site's addresses plus one that names a file, as feeds and sitemaps do.
urlpatterns = [route("feed.xml", feed), route("", include("newsdesk.urls"))]


@pytest.fixture
def newsroom():
    topic, other = TopicFactory(), TopicFactory()
    story = ArticleFactory(headline="Wird das Galaxy S7 teurer?", topics=[topic])
    others = [ArticleFactory(topics=[other]) for _ in range(3)]
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="Geheimer Entwurf")
    return story, others, draft


def baked(target, path: str) -> bytes:
    return file_for(target, path).read_bytes()


def recorded(target) -> dict[str, list[str]]:
    """The pages the bake's record of ``target`` lists, with the keys each showed."""
    manifest = Manifest.open(target)
    try:
        return {path: manifest.keys_of(path) for path in manifest.paths()}
    finally:
        manifest.abandon()


def render_order(monkeypatch) -> list[str]:
    """The addresses the bake renders, in order, from now on."""
    order: list[str] = []
    render = bake_module.PageBaker.bake
    monkeypatch.setattr(
        bake_module.PageBaker, "bake", lambda self, path: order.append(path) or render(self, path)
    )
    return order


def served(path: str) -> bytes:
    """The page as the app answers an anonymous reader (page cache on, as in production)."""
    with override_settings(NEWSDESK_PAGE_CACHE=True):
        response = Client().get(path)
    assert response.status_code == 200, path
    return response.content


def test_full_bake_writes_every_public_page_with_compressed_twins(tmp_path, newsroom):
    story, others, draft = newsroom
    call_command("bake", str(tmp_path), no_assets=True, verbosity=0)
    home = (tmp_path / "index.html").read_text()
    assert story.headline in home and draft.headline not in home
    article_file = tmp_path / story.get_absolute_url().strip("/") / "index.html"
    assert story.headline in article_file.read_text()
    assert gzip.decompress((article_file.parent / "index.html.gz").read_bytes()) == (
        article_file.read_bytes()
    )
    assert brotli.decompress((article_file.parent / "index.html.br").read_bytes()) == (
        article_file.read_bytes()
    )
    assert not (tmp_path / draft.get_absolute_url().strip("/")).exists()
    assert not list(tmp_path.rglob("*.tmp")), "no temporary file is left behind"


def test_every_baked_page_is_byte_for_byte_what_the_app_serves(
    tmp_path, newsroom, steady_comment_form
):
    story, _others, _draft = newsroom
    product = ProductFactory()
    story.products.add(product)
    GalleryFactory(image_count=2)
    Page.objects.create(title="Impressum", slug="impressum", body="Verantwortlich: Redaktion")
    paths = list(public_paths())
    assert {"/", "/impressum/", product.get_absolute_url()} <= set(paths)
    # Overview and two slides (and the galleries' sitemap, which is no page of the gallery).
    assert len([p for p in paths if "bilderstrecke" in p and not p.endswith(".xml")]) == 3

    report = Baker(tmp_path).bake()

    assert report.rendered == len(paths) and not report.failed
    for path in paths:
        assert baked(tmp_path, path) == served(path), path


def test_changed_bake_renders_nothing_when_nothing_changed(tmp_path, newsroom):
    Baker(tmp_path).bake()
    report = Baker(tmp_path).bake(only_changed=True)
    assert report.rendered == 0
    assert report.unchanged == len(list(public_paths()))


def test_changed_bake_rerenders_only_pages_that_show_the_edited_article(
    tmp_path, newsroom, django_capture_on_commit_callbacks, steady_comment_form
):
    story, others, _draft = newsroom
    Baker(tmp_path).bake()
    untouched = baked(tmp_path, others[0].get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Wird das Galaxy S7 doch nicht teurer?"
        story.save()
    report = Baker(tmp_path).bake(only_changed=True)
    # Its own page, the home page, its topic, its author, the news list (5); the feeds of the
    # site, its topic, its author and the news list as RSS and Atom (8); the sitemap index, its
    # month's sitemap and the news sitemap (3).
    assert report.rendered == 16
    # Only the article's own key changed: the same pages exist, no need to list them all.
    assert not report.listed
    assert "doch nicht teurer" in baked(tmp_path, story.get_absolute_url()).decode()
    assert "doch nicht teurer" in baked(tmp_path, "/").decode()
    assert baked(tmp_path, story.get_absolute_url()) == served(story.get_absolute_url())
    assert baked(tmp_path, others[0].get_absolute_url()) == untouched


def test_new_related_suggestions_rebake_the_article_without_listing_the_whole_site(
    tmp_path, newsroom, django_capture_on_commit_callbacks, steady_comment_form
):
    # The task worker refreshes suggestions after every edit; its bake used to list every
    # address of the site (a second at 100,000 articles) for a box that shows on one page.
    _story, others, _draft = newsroom
    reader = others[0]
    Suggestion.objects.filter(article=reader).delete()
    Baker(tmp_path).bake()
    assert "Auch interessant" not in baked(tmp_path, reader.get_absolute_url()).decode()
    with django_capture_on_commit_callbacks(execute=True):
        scoring.refresh(reader.pk)
    report = Baker(tmp_path).bake(only_changed=True)
    assert not report.listed
    assert report.rendered == 1
    assert "Auch interessant" in baked(tmp_path, reader.get_absolute_url()).decode()
    assert baked(tmp_path, reader.get_absolute_url()) == served(reader.get_absolute_url())


def test_after_an_edit_the_article_is_baked_first_and_feeds_and_sitemaps_last(
    tmp_path, newsroom, django_capture_on_commit_callbacks, monkeypatch
):
    # Pages are written as they render: nginx serves the edited article after its own render.
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    order = render_order(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Wird das Galaxy S7 doch billiger?"
        story.save()
    Baker(tmp_path).bake(only_changed=True)
    assert order[0] == story.get_absolute_url()
    machines = [p for p in order if p.endswith((".xml", "/feed/", "/feed/atom/"))]
    assert len(machines) == 11
    assert order[-len(machines) :] == machines
    assert "/" in order[1 : -len(machines)]


def test_a_published_article_is_baked_before_the_listings_that_link_to_it(
    tmp_path, newsroom, django_capture_on_commit_callbacks, monkeypatch
):
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    order = render_order(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        # By an author and in a topic that have pages already: the article's is the one new page.
        fresh = ArticleFactory(
            headline="Gerade veröffentlicht",
            authors=story.ordered_authors(),
            topics=list(story.topics.all()),
        )
    listed = bake_module.public_paths
    monkeypatch.setattr(bake_module, "public_paths", lambda: order.append("LISTED") or listed())
    report = Baker(tmp_path).bake(only_changed=True)
    assert not report.failed
    # Written before every address of the site is listed (a second at 100,000 articles), the
    # home page and the topic's page that now link to it as well; feeds after.
    assert order[0] == fresh.get_absolute_url()
    listed = order.index("LISTED")
    assert "/" in order[:listed] and story.topics.get().get_absolute_url() in order[:listed]
    assert not [p for p in order[:listed] if p.endswith(("/feed/", ".xml"))]
    assert order.count(fresh.get_absolute_url()) == 1 and order.count("/") == 1
    assert order.index("/") < min(order.index(p) for p in order if p.endswith("/feed/"))
    assert "Gerade veröffentlicht" in baked(tmp_path, "/").decode()


def test_changed_bake_follows_an_article_to_its_new_address(
    tmp_path, newsroom, django_capture_on_commit_callbacks
):
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    old_path = story.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        story.slug = "galaxy-s7-preis"
        story.save()
    report = Baker(tmp_path).bake(only_changed=True)
    assert not report.failed
    assert not (tmp_path / old_path.strip("/") / "index.html").exists()
    assert b"Galaxy S7" in baked(tmp_path, story.get_absolute_url())
    pages = recorded(tmp_path)
    assert story.get_absolute_url() in pages and old_path not in pages


def test_changed_bake_adds_new_and_removes_unpublished_pages(
    tmp_path, newsroom, django_capture_on_commit_callbacks
):
    story, others, _draft = newsroom
    Baker(tmp_path).bake()
    gone = others[0]
    gone_file = tmp_path / gone.get_absolute_url().strip("/") / "index.html"
    assert gone_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        gone.status = Article.Status.DRAFT
        gone.save()
        fresh = ArticleFactory(headline="Ganz neu")
    report = Baker(tmp_path).bake(only_changed=True)
    # The article's page, and its author's page and two feeds: that author has no public
    # article left.
    assert report.removed == 4 and not gone_file.exists()
    assert not gone_file.with_name("index.html.gz").exists()
    author_path = gone.ordered_authors()[0].get_absolute_url().strip("/")
    assert not (tmp_path / author_path / "index.html").exists()
    assert (tmp_path / fresh.get_absolute_url().strip("/") / "index.html").exists()
    assert "Ganz neu" in baked(tmp_path, "/").decode()


def test_changed_bake_renews_every_page_when_a_footer_link_changes(
    tmp_path, newsroom, django_capture_on_commit_callbacks
):
    imprint = Page.objects.create(title="Impressum", slug="impressum", body="Redaktion")
    Baker(tmp_path).bake()
    with django_capture_on_commit_callbacks(execute=True):
        imprint.title = "Kontakt und Impressum"
        imprint.save()
    report = Baker(tmp_path).bake(only_changed=True)
    paths = list(public_paths())
    assert report.rendered == len(paths)
    pages = [path for path in paths if baked(tmp_path, path).startswith(b"<!DOCTYPE html>")]
    assert len(pages) >= 15  # feeds, sitemaps and robots.txt have no footer
    for path in pages:
        assert "Kontakt und Impressum" in baked(tmp_path, path).decode(), path


def test_changed_bake_catches_a_change_written_while_the_last_bake_read(tmp_path, newsroom):
    """An invalidation stamped just before the bake read the generations, but stored just after
    (the write follows the stamp), is still found by the next --changed."""
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    manifest = Manifest.open(tmp_path)
    read_at = manifest.read_at
    manifest.abandon()
    Article.objects.filter(pk=story.pk).update(headline="Spät gespeichert")  # no signals
    KeyGeneration.objects.update_or_create(
        key=f"article-{story.pk}", defaults={"generation": read_at - 1}
    )
    report = Baker(tmp_path).bake(only_changed=True)
    # The pages that show the article (5) and the feeds that list it (8), as in the test above
    # less the sitemaps: only the article's own key was stamped here.
    assert report.rendered == 13
    assert b"Sp\xc3\xa4t gespeichert" in baked(tmp_path, story.get_absolute_url())


def test_changed_bake_after_a_bake_of_an_older_format_bakes_everything(tmp_path, newsroom):
    (tmp_path / LEGACY_JSON).write_text(json.dumps({"version": 1, "pages": {}}))
    report = Baker(tmp_path).bake(only_changed=True)
    assert report.rendered == len(list(public_paths())) and report.listed


def test_changed_bake_after_a_damaged_record_bakes_everything(tmp_path, newsroom):
    Baker(tmp_path).bake()
    (tmp_path / FILENAME).write_bytes(b"kein SQLite")
    report = Baker(tmp_path).bake(only_changed=True)
    assert report.rendered == len(list(public_paths())) and report.listed
    assert set(recorded(tmp_path)) == set(public_paths())


def test_a_site_baked_by_the_previous_release_is_not_baked_whole_again(
    tmp_path, newsroom, django_capture_on_commit_callbacks
):
    """The JSON record of the release before is converted: an upgrade renders only what changed."""
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    pages = recorded(tmp_path)
    manifest = Manifest.open(tmp_path)
    generations = dict(manifest.db.execute("SELECT key, generation FROM keys"))
    legacy = {"version": 2, "read_at": manifest.read_at, "generations": generations, "pages": pages}
    manifest.abandon()
    (tmp_path / FILENAME).unlink()
    (tmp_path / LEGACY_JSON).write_text(json.dumps(legacy))
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Nach dem Update"
        story.save()
    report = Baker(tmp_path).bake(only_changed=True)
    assert 0 < report.rendered < len(pages) / 2
    assert b"Nach dem Update" in baked(tmp_path, story.get_absolute_url())
    assert recorded(tmp_path).keys() == pages.keys()
    assert not (tmp_path / LEGACY_JSON).exists()


def test_a_bake_that_fails_midway_leaves_the_record_of_the_last_one(
    tmp_path, newsroom, monkeypatch, django_capture_on_commit_callbacks
):
    """The next --changed then does the work again: nothing is marked baked that was not."""
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    before = recorded(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Halb gebacken"
        story.save()
    rendered = []

    def crash_after_one(page, manifest, report):
        rendered.append(page.path)
        manifest.record(page.path, ["geändert"])
        raise KeyboardInterrupt  # the operator's Ctrl-C, or a kill

    monkeypatch.setattr(Baker, "record", staticmethod(crash_after_one))
    with pytest.raises(KeyboardInterrupt):
        Baker(tmp_path).bake(only_changed=True)
    monkeypatch.undo()
    assert rendered and recorded(tmp_path) == before
    report = Baker(tmp_path).bake(only_changed=True)
    assert report.rendered > 0 and not report.failed
    assert b"Halb gebacken" in baked(tmp_path, story.get_absolute_url())


def test_bake_command_refuses_a_file_and_zero_jobs(tmp_path):
    file = tmp_path / "site"
    file.write_text("")
    with pytest.raises(CommandError, match="not a folder"):
        call_command("bake", str(file), no_assets=True, verbosity=0)
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bake", str(tmp_path / "out"), no_assets=True, jobs=0, verbosity=0)


def test_full_bake_into_an_earlier_bake_removes_pages_no_longer_public(tmp_path, newsroom):
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    story_file = tmp_path / story.get_absolute_url().strip("/") / "index.html"
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)  # no signals
    report = Baker(tmp_path).bake()
    assert report.removed >= 1 and not story_file.exists()
    assert not story_file.with_name("index.html.br").exists()
    # Its address, not its headline: the factory's headlines count up and one of the other
    # articles can be "Wird das Galaxy S7 teurer?" as well (then this failed by test order).
    assert story.get_absolute_url() not in baked(tmp_path, "/").decode()


def test_an_address_without_final_slash_is_baked_as_the_file_it_names(tmp_path, newsroom, settings):
    settings.ROOT_URLCONF = __name__
    report = Baker(tmp_path).bake(paths=["/feed.xml", "/news/"])
    assert report.rendered == 2
    assert (tmp_path / "feed.xml").read_bytes() == b"<rss>Neu</rss>"
    assert (tmp_path / "feed.xml.gz").exists() and (tmp_path / "feed.xml.br").exists()
    assert (tmp_path / "news" / "index.html").exists()


def test_a_second_bake_into_the_same_folder_stops_while_one_runs(tmp_path, newsroom):
    Baker(tmp_path).bake()
    manifest = (tmp_path / FILENAME).read_bytes()
    with bake_module.exclusive(tmp_path):
        with pytest.raises(CommandError, match="Another bake is writing"):
            call_command("bake", str(tmp_path), changed=True, no_assets=True, verbosity=0)
    assert (tmp_path / FILENAME).read_bytes() == manifest
    report = Baker(tmp_path).bake(only_changed=True)  # free again once the first one is done
    assert not report.failed


def test_workers_are_not_forked_inside_an_open_transaction(tmp_path, newsroom, monkeypatch):
    """Forked workers could not see the rows of this test's transaction: one process bakes."""
    monkeypatch.setattr(bake_module, "PARALLEL_MINIMUM", 1)
    report = Baker(tmp_path, jobs=2).bake()
    assert report.rendered == len(list(public_paths())) and not report.failed


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database lives in one process; PostgreSQL run only",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_bake_writes_the_same_site_as_one_process(
    tmp_path, monkeypatch, steady_comment_form
):
    for _ in range(3):
        ArticleFactory(topics=[TopicFactory()])
    monkeypatch.setattr(bake_module, "PARALLEL_MINIMUM", 1)
    monkeypatch.setattr(bake_module, "CHUNK", 2)
    one, two = tmp_path / "one", tmp_path / "two"
    Baker(one, jobs=1).bake()
    report = Baker(two, jobs=2).bake()
    assert report.rendered == len(list(public_paths())) and not report.failed
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for relative in files:
        if relative.name != FILENAME:
            assert (one / relative).read_bytes() == (two / relative).read_bytes(), relative
    assert recorded(one) == recorded(two)


def test_feeds_sitemaps_and_robots_txt_are_baked_as_files(tmp_path, newsroom):
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    assert "Sitemap: " in (tmp_path / "robots.txt").read_text()
    assert "<sitemapindex" in (tmp_path / "sitemap.xml").read_text()
    assert story.headline in (tmp_path / "sitemap-news.xml").read_text()
    assert (tmp_path / "sitemap.xml.gz").exists()
    assert story.headline in (tmp_path / "feed" / "index.html").read_text()
    assert "<feed" in (tmp_path / "feed" / "atom" / "index.html").read_text()


def test_an_edit_reaches_the_baked_copy_without_a_bake_by_hand_when_asked_for(
    tmp_path, newsroom, django_capture_on_commit_callbacks, steady_comment_form
):
    story, others, _draft = newsroom
    Baker(tmp_path).bake()
    with override_settings(NEWSDESK_BAKE_DIR=str(tmp_path), NEWSDESK_BAKE_ON_CHANGE=True):
        with django_capture_on_commit_callbacks(execute=True):
            story.headline = "Wird das Galaxy S7 doch nicht teurer?"
            story.save()
    # The task queue (run at once in the tests) baked what changed.
    assert "doch nicht teurer" in baked(tmp_path, story.get_absolute_url()).decode()
    assert "doch nicht teurer" in baked(tmp_path, "/").decode()
    assert baked(tmp_path, story.get_absolute_url()) == served(story.get_absolute_url())


def test_without_a_first_bake_a_change_bakes_nothing(
    tmp_path, newsroom, django_capture_on_commit_callbacks
):
    story, _others, _draft = newsroom
    with override_settings(NEWSDESK_BAKE_DIR=str(tmp_path), NEWSDESK_BAKE_ON_CHANGE=True):
        with django_capture_on_commit_callbacks(execute=True):
            story.headline = "Neu"
            story.save()
    assert list(tmp_path.iterdir()) == []


def test_a_change_bakes_nothing_unless_the_operator_asked_for_it(
    tmp_path, newsroom, django_capture_on_commit_callbacks, steady_comment_form
):
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    before = baked(tmp_path, story.get_absolute_url())
    with override_settings(NEWSDESK_BAKE_DIR=str(tmp_path)):
        with django_capture_on_commit_callbacks(execute=True):
            story.headline = "Wird das Galaxy S7 doch nicht teurer?"
            story.save()
    assert baked(tmp_path, story.get_absolute_url()) == before


@override_settings(NEWSDESK_FRAGMENT_CACHE=True)  # as in production (the tests' default is off)
def test_a_full_bake_keeps_no_fragments_and_uses_none_from_before(tmp_path, newsroom, monkeypatch):
    """Keeping the parts of every page it renders made a full bake about a tenth slower; it
    renders each page whole and leaves the app's fragment cache to the app."""
    from newsdesk.pagecache import fragments

    story, _others, _draft = newsroom
    assert fragments.enabled()
    Client().get(story.get_absolute_url())  # the app keeps the article's fragments
    kept = []
    keep = fragments.render_and_keep

    def render_and_keep(name, render, keys=(), started=None):
        kept.append((name, fragments.enabled()))
        return keep(name, render, keys=keys, started=started)

    monkeypatch.setattr(fragments, "render_and_keep", render_and_keep)
    call_command("bake", str(tmp_path), no_assets=True, verbosity=0)
    assert kept and not any(enabled for _name, enabled in kept)
    assert b"Wird das Galaxy S7 teurer?" in baked(tmp_path, story.get_absolute_url())


HASHED_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_a_changed_bake_uses_the_static_files_the_release_collected(
    tmp_path, newsroom, django_capture_on_commit_callbacks
):
    # From cron every minute: collecting again re-hashed every file and copied them all anew.
    static = tmp_path / "static"
    with override_settings(STORAGES=HASHED_STATIC, STATIC_ROOT=static):
        site = tmp_path / "site"
        call_command("bake", str(site), verbosity=0)
        story = newsroom[0]
        # The stylesheet the baked page names, by the hashed name collectstatic gave it.
        name = re.search(r'href="/static/([^"]+\.css)"', baked(site, "/").decode()).group(1)
        stylesheet = site / "static" / name
        table = static / "staticfiles.json"
        collected, copied = table.stat().st_mtime_ns, stylesheet.stat().st_mtime_ns
        with django_capture_on_commit_callbacks(execute=True):
            story.headline = "Wird das Galaxy S7 billiger?"
            story.save()
        call_command("bake", str(site), changed=True, verbosity=0)
        page = baked(site, story.get_absolute_url()).decode()
    assert "billiger?" in page
    assert f'href="/static/{name}"' in page
    assert table.stat().st_mtime_ns == collected
    assert stylesheet.stat().st_mtime_ns == copied


def test_a_changed_bake_collects_static_files_where_no_release_has(tmp_path, newsroom):
    static = tmp_path / "static"
    with override_settings(STORAGES=HASHED_STATIC, STATIC_ROOT=static):
        call_command("bake", str(tmp_path / "site"), changed=True, verbosity=0)
    assert (static / "staticfiles.json").is_file()
