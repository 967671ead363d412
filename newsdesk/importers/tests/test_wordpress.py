"""import-wordpress against a real WordPress 6.1 export (see fixtures/wordpress/README.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import call_command
from django.db import transaction

from newsdesk.articles.models import Article, Author, Topic
from newsdesk.comments.models import Comment
from newsdesk.galleries.models import Gallery, Image
from newsdesk.importers.models import ImportedObject
from newsdesk.importers.wordpress_comments import comment_status
from newsdesk.pages.models import Page
from newsdesk.videos.models import Video

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
EXPORT = FIXTURES / "technikblatt.wordpress.xml"
UPLOADS = FIXTURES / "uploads"

pytestmark = pytest.mark.django_db


def run_import(*args: str, export: Path = EXPORT) -> str:
    out = StringIO()
    call_command("import_wordpress", str(export), *args, stdout=out, verbosity=0)
    return out.getvalue()


def snapshot() -> dict:
    """Everything an import writes, as comparable values."""
    return {
        "articles": sorted(
            Article.objects.values_list(
                "slug", "headline", "teaser", "body", "status", "published_at", "version"
            )
        ),
        "authors": sorted(Author.objects.values_list("slug", "name")),
        "topics": sorted(Topic.objects.values_list("slug", "name")),
        "comments": sorted(
            Comment.objects.values_list("author_name", "body", "status", "created_at")
        ),
        "pages": sorted(Page.objects.values_list("slug", "title", "body")),
        "images": Image.objects.count(),
        "galleries": sorted(Gallery.objects.values_list("slug", "is_published")),
        "videos": sorted(Video.objects.values_list("slug", "provider_id")),
        "redirects": sorted(Redirect.objects.values_list("old_path", "new_path")),
        "mapping": ImportedObject.objects.count(),
    }


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker) -> Iterator[str]:
    """One import for the module, in a transaction rolled back after it (like
    ``setUpTestData``): each test's own transaction nests in it as a savepoint, so what a test
    changes is gone for the next. Tests that need an empty database live in
    ``test_wordpress_refusals``."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        output = run_import("--media", str(UPLOADS))
    yield output
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def imported(imported_once, db) -> str:
    return imported_once


def test_every_post_author_term_and_comment_is_accounted_for(imported):
    # 3 published posts, 1 scheduled, 1 draft, 1 waiting for review.
    assert Article.objects.count() == 6
    statuses = sorted(Article.objects.values_list("status", flat=True))
    assert statuses == sorted(
        ["published", "published", "published", "scheduled", "draft", "in_review"]
    )
    assert sorted(Author.objects.values_list("name", flat=True)) == [
        "Anna Beispiel",
        "Ben Muster",
        "Clara Schreiber",
    ]
    # 5 categories and 4 tags become 9 topics.
    assert Topic.objects.count() == 9
    # WordPress's exporter leaves spam out; of the 8 comments it wrote, the pingback is skipped.
    assert Comment.objects.count() == 6
    assert Page.objects.count() == 2  # the draft page is reported, not published
    assert Image.objects.count() == 5  # the sixth attachment's file is missing
    assert "Artikel: 6 neu" in imported
    assert "verschollen.jpg fehlt" in imported
    assert "Gewinnspiel (Entwurf)" in imported


def test_post_fields_dates_and_relations(imported):
    review = Article.objects.get(slug="galaxy-s7-im-test")
    assert review.headline == "Galaxy S7 im Test: Das beste Android-Smartphone des Sommers"
    assert review.teaser.startswith("Helles Display, lange Laufzeit")  # the excerpt
    # 10:30 Berlin summer time is 08:30 UTC.
    assert review.published_at == dt.datetime(2016, 7, 12, 8, 30, tzinfo=dt.UTC)
    assert review.lead_image.alt_text == "Ein Smartphone von vorne, Display eingeschaltet"
    assert [a.name for a in review.ordered_authors()] == ["Anna Beispiel"]
    assert set(review.topics.values_list("name", flat=True)) == {
        "Smartphones",
        "Akku",
        "Android",
        "Testbericht",
    }
    future = Article.objects.get(slug="vorschau-smartphones-2031")
    assert future.status == "scheduled"
    assert future.published_at == dt.datetime(2031, 1, 15, 6, 0, tzinfo=dt.UTC)


def test_authors_get_newsroom_accounts_without_passwords(imported):
    anna = Author.objects.get(name="Anna Beispiel")
    assert anna.user.username == "anna"
    assert anna.user.email == "anna@technikblatt.invalid"
    assert not anna.user.has_usable_password()
    assert anna.user.groups.filter(name="Autor").exists()


def test_comments_keep_status_threading_dates_and_authors(imported):
    review = Article.objects.get(slug="galaxy-s7-im-test")
    comments = {c.body: c for c in review.comments.all()}
    question = comments["Endlich ein Akku, der den Tag übersteht. Hält er auch beim Navigieren?"]
    answer = comments["Mit Navigation kamen wir auf gut acht Stunden."]
    thanks = comments["Danke, das reicht mir völlig!"]  # the <b> is gone: comments are text
    assert question.status == Comment.Status.APPROVED
    assert question.created_at == dt.datetime(2016, 7, 12, 10, 0, tzinfo=dt.UTC)
    assert answer.parent == question and answer.author_name == "Anna Beispiel"
    # A reply to a reply joins the thread: newsdesk threads one level deep.
    assert thanks.parent == question
    assert comments["Wann kommt das Update auf die nächste Android-Version?"].status == "pending"
    assert comments["Beitrag vom Autor gelöscht."].status == Comment.Status.REMOVED
    notebook = Article.objects.get(slug="neues-notebook-mit-besserer-tastatur")
    assert notebook.comments.get().body == "Mehr Hub ist gut.\n\nWie laut ist der Lüfter?"


def test_comment_status_mapping():
    assert comment_status("1") == Comment.Status.APPROVED
    assert comment_status("0") == Comment.Status.PENDING
    expected_spam = getattr(Comment.Status, "SPAM", Comment.Status.REMOVED)
    assert comment_status("spam") == expected_spam
    assert comment_status("trash") == Comment.Status.REMOVED


def test_article_page_keeps_headings_lists_links_images_gallery_and_video(imported, client):
    review = Article.objects.get(slug="galaxy-s7-im-test")
    html = client.get(review.get_absolute_url()).content.decode()
    assert "<h2>Wie gut ist das Display?</h2>" in html
    assert "<h3>Und der Akku?</h3>" in html
    assert "<li>kräftige, aber nicht übertriebene Farben</li>" in html
    assert "<li>Surfen im WLAN</li>" in html
    assert 'href="https://technikblatt.invalid/testverfahren/"' in html
    assert "<figcaption>Die Vorderseite mit dem gebogenen Display.</figcaption>" in html
    chart = Image.objects.get(title="Akku-Diagramm")
    assert f'src="{chart.src}"' in html  # the resized WordPress copy points at the import
    gallery = Gallery.objects.get()
    assert gallery.is_published and gallery.ordered_images().count() == 3
    assert gallery.get_absolute_url() in html
    assert Video.objects.filter(provider="youtube", provider_id="dQw4w9WgXcQ").exists()
    assert "youtube" in html.lower()
    assert "<script>alert" not in html
    assert "127.0.0.1:8087" not in html  # nothing points at the old site any more
    notebook = Article.objects.get(slug="neues-notebook-mit-besserer-tastatur")
    assert Video.objects.filter(provider="vimeo", provider_id="76979871").exists()
    assert "[[video:" in notebook.body


def test_pages_become_pages(imported, client):
    about = Page.objects.get(slug="ueber-uns")
    html = client.get(about.get_absolute_url()).content.decode()
    assert "<h2>Die Redaktion</h2>" in html
    assert "<li>Anna Beispiel: Smartphones</li>" in html


@pytest.mark.parametrize(
    "old, new",
    [
        ("/?p=10", "/news/galaxy-s7-im-test-{review}/"),
        ("/?p=10&utm_source=newsletter", "/news/galaxy-s7-im-test-{review}/"),
        ("/2016/07/galaxy-s7-im-test/", "/news/galaxy-s7-im-test-{review}/"),
        ("/2016/07/galaxy-s7-im-test/galaxy-hinten/", "/news/galaxy-s7-im-test-{review}/"),
        ("/?attachment_id=5", "/news/galaxy-s7-im-test-{review}/"),
        ("/category/netzpolitik/datenschutz/", "/thema/datenschutz/"),
        ("/?cat=2", "/thema/smartphones/"),
        ("/tag/akku/", "/thema/akku/"),
        ("/author/ben-muster/", "/autor/ben-muster/"),
        ("/?author=2", "/autor/anna/"),
        ("/ueber-uns/mediadaten/", "/mediadaten/"),
        ("/?page_id=16", "/ueber-uns/"),
    ],
)
def test_old_addresses_answer_with_301(imported, client, old, new):
    review = Article.objects.get(slug="galaxy-s7-im-test")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new.format(review=review.pk)


def test_unattached_attachment_page_goes_to_the_picture(imported, client):
    picture = Image.objects.get(title="Notebook-Tastatur")
    response = client.get("/notebook-tastatur/")
    assert response.status_code == 301
    assert response["Location"] == picture.file.url


def test_an_uploaded_file_address_goes_to_the_picture(imported, client):
    picture = Image.objects.get(title="Notebook-Tastatur")
    response = client.get("/wp-content/uploads/2017/03/notebook-tastatur.jpg")
    assert response.status_code == 301
    assert response["Location"] == picture.file.url
    # A site imported before these redirects existed gets them from the next run.
    Redirect.objects.filter(old_path__startswith="/wp-content/").delete()
    run_import("--media", str(UPLOADS))
    response = client.get("/wp-content/uploads/2017/03/notebook-tastatur.jpg")
    assert response["Location"] == picture.file.url


def test_every_old_address_has_a_redirect(imported):
    """Every published post, page, category, tag, author and attachment kept its old address."""
    olds = set(Redirect.objects.values_list("old_path", flat=True))
    for post_id in range(10, 16):
        assert f"/?p={post_id}" in olds
    for attachment_id in range(4, 9):
        assert f"/?attachment_id={attachment_id}" in olds
    assert {"/?page_id=16", "/?page_id=17"} <= olds
    assert {f"/?cat={n}" for n in range(1, 6)} <= olds
    assert {f"/?author={n}" for n in (2, 3, 4)} <= olds


def test_second_import_changes_nothing(imported):
    before = snapshot()
    output = run_import("--media", str(UPLOADS))
    assert snapshot() == before
    assert "neu" not in output.split("Warnungen")[0].replace("unverändert", "")


def test_changed_export_updates_in_place(imported, tmp_path):
    before_ids = set(Article.objects.values_list("pk", flat=True))
    changed = tmp_path / "changed.xml"
    text = EXPORT.read_text()
    text = text.replace(
        "Galaxy S7 im Test: Das beste Android-Smartphone des Sommers",
        "Galaxy S7 im Test: Das beste Android-Smartphone des Jahres",
    )
    # The moderator approved Tom's question in WordPress in the meantime.
    question = "Wann kommt das Update auf die nächste Android-Version?"
    start = text.index(question)
    approved_at = text.index("<wp:comment_approved><![CDATA[0]]>", start)
    text = text[:approved_at] + text[approved_at:].replace("[CDATA[0]]", "[CDATA[1]]", 1)
    changed.write_text(text)
    output = run_import("--media", str(UPLOADS), export=changed)
    assert "Artikel: 1 aktualisiert, 5 unverändert" in output
    assert set(Article.objects.values_list("pk", flat=True)) == before_ids
    review = Article.objects.get(slug="galaxy-s7-im-test")
    assert review.headline.endswith("des Jahres")
    assert review.revisions.filter(action="WordPress-Import").exists()
    assert Comment.objects.get(body=question).status == Comment.Status.APPROVED
    assert Comment.objects.count() == 6


def test_imported_articles_are_found_by_search_at_once(imported):
    """Bulk writes skip the index signals; the command rebuilds the index after importing."""
    from newsdesk.search import service

    article = Article.objects.published().order_by("published_at").first()
    found = [result.article.pk for result in service.search(article.headline).articles]
    assert article.pk in found
