"""``newsdesk bake``: the public site as files, and re-baking only what changed."""

import gzip

import pytest
from django.core.management import call_command

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.pagecache.bake import Baker, public_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    topic, other = TopicFactory(), TopicFactory()
    story = ArticleFactory(headline="Wird das Galaxy S7 teurer?", topics=[topic])
    others = [ArticleFactory(topics=[other]) for _ in range(3)]
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="Geheimer Entwurf")
    return story, others, draft


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
    assert (article_file.parent / "index.html.br").exists()
    assert not (tmp_path / draft.get_absolute_url().strip("/")).exists()


def test_changed_bake_renders_nothing_when_nothing_changed(tmp_path, newsroom):
    Baker(tmp_path).bake()
    report = Baker(tmp_path).bake(only_changed=True)
    assert report.rendered == 0
    assert report.unchanged == len(list(public_paths()))


def test_changed_bake_rerenders_only_pages_that_show_the_edited_article(
    tmp_path, newsroom, django_capture_on_commit_callbacks
):
    story, others, _draft = newsroom
    Baker(tmp_path).bake()
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Wird das Galaxy S7 doch nicht teurer?"
        story.save()
    report = Baker(tmp_path).bake(only_changed=True)
    # Its own page, the home page, its topic, its author, the news list (5); the feeds of the
    # site, its topic, its author and the news list as RSS and Atom (8); the sitemap index, its
    # month's sitemap and the news sitemap (3).
    assert report.rendered == 16
    article_file = tmp_path / story.get_absolute_url().strip("/") / "index.html"
    assert "doch nicht teurer" in article_file.read_text()
    assert "doch nicht teurer" in (tmp_path / "index.html").read_text()


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
    author_path = gone.ordered_authors()[0].get_absolute_url().strip("/")
    assert not (tmp_path / author_path / "index.html").exists()
    assert (tmp_path / fresh.get_absolute_url().strip("/") / "index.html").exists()


def test_feeds_sitemaps_and_robots_txt_are_baked_as_files(tmp_path, newsroom):
    story, _others, _draft = newsroom
    Baker(tmp_path).bake()
    assert "Sitemap: " in (tmp_path / "robots.txt").read_text()
    assert "<sitemapindex" in (tmp_path / "sitemap.xml").read_text()
    assert story.headline in (tmp_path / "sitemap-news.xml").read_text()
    assert (tmp_path / "sitemap.xml.gz").exists()
    assert story.headline in (tmp_path / "feed" / "index.html").read_text()
    assert "<feed" in (tmp_path / "feed" / "atom" / "index.html").read_text()
