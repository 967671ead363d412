"""A content type added by one registration appears in the sitemaps, search, the site feed
and the bake, with nothing else to wire (issue 10's acceptance).

The type is a minimal model of its own (a note with a title, an address and a published
flag) in an app registry apart from the site's, so that neither the system check nor any
other test sees it; its table lives only inside each test's transaction.
"""

from __future__ import annotations

from dataclasses import replace
from io import StringIO

import pytest
from django.apps.registry import Apps
from django.core.management import call_command
from django.db import connection, models
from django.http import Http404, HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse
from django.utils import timezone

from newsdesk.pagecache import bake
from newsdesk.pagecache.bakepages import file_for
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys, registry
from newsdesk.publishing.registry import ContentType, FeedEntry, SearchDocument
from newsdesk.search import indexing
from newsdesk.search.models import SearchEntry

pytestmark = pytest.mark.django_db


class Note(models.Model):
    title = models.CharField(max_length=100)
    slug = models.SlugField()
    text = models.TextField(blank=True)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(default=timezone.now)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "notes"
        apps = Apps()

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("note", kwargs={"slug": self.slug})


def note_page(request, slug: str) -> HttpResponse:
    note = Note.objects.filter(slug=slug, is_published=True).first()
    if note is None:
        raise Http404
    record(note)
    return HttpResponse(f"<h1>{note.title}</h1>")


urlpatterns = [
    path("notiz/<slug:slug>/", note_page, name="note"),
    path("", include("newsdesk.urls")),
]


# The one registration.
NOTE = ContentType(
    Note,
    is_public=lambda note: note.is_published,
    listing_keys=lambda note: {keys.FEEDS},
    published=lambda: Note.objects.filter(is_published=True),
    sitemap="notizen",
    search_kind="note",
    search_document=lambda note: (
        SearchDocument(title=note.title, teaser=note.text, vocabulary=(note.title,))
        if note.is_published
        else None
    ),
    in_feeds=True,
    feed_entry=lambda note: FeedEntry(
        note.title, note.text, note.get_absolute_url(), note.published_at, note.modified_at
    ),
    bake_paths=lambda: (n.get_absolute_url() for n in Note.objects.filter(is_published=True)),
)


def create_table(model) -> None:
    """The model's table, inside the test's transaction (SQLite's schema editor refuses one)."""
    editor = connection.schema_editor(collect_sql=True)
    editor.deferred_sql = []  # set by entering the editor, which is what SQLite refuses
    editor.create_model(model)
    with connection.cursor() as cursor:
        for statement in [*editor.collected_sql, *map(str, editor.deferred_sql)]:
            cursor.execute(statement)


@pytest.fixture
def notes(django_capture_on_commit_callbacks):
    create_table(Note)
    registry.register(NOTE)
    try:
        with override_settings(ROOT_URLCONF=__name__):
            with django_capture_on_commit_callbacks(execute=True):
                shown = Note.objects.create(
                    title="Redaktionsnotiz Datenschutz", slug="datenschutz", is_published=True
                )
                hidden = Note.objects.create(title="Entwurfsnotiz", slug="entwurf")
            yield shown, hidden
    finally:
        registry.unregister(Note)


def test_a_registered_type_gets_a_sitemap_file_listing_its_public_objects(client, notes):
    shown, hidden = notes
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-notizen.xml" in index
    listed = client.get("/sitemap-notizen.xml").content.decode()
    assert shown.get_absolute_url() in listed
    assert hidden.get_absolute_url() not in listed


def test_a_registered_type_is_found_by_search(notes):
    shown, hidden = notes
    indexed = SearchEntry.objects.filter(kind="note")
    assert list(indexed.values_list("object_id", flat=True)) == [shown.pk]  # on save
    indexing.rebuild()
    assert list(indexed.values_list("object_id", flat=True)) == [shown.pk]  # and on rebuild
    assert "redaktionsnotiz" in indexed.get().title_terms


def test_a_registered_type_is_carried_by_the_site_feed(client, notes):
    shown, hidden = notes
    feed = client.get("/feed/").content.decode()
    assert shown.title in feed
    assert hidden.title not in feed


def test_a_registered_type_is_baked(tmp_path, notes):
    shown, hidden = notes
    assert shown.get_absolute_url() in set(bake.public_paths())
    call_command("bake", str(tmp_path), no_assets=True, verbosity=0)
    assert b"Redaktionsnotiz" in file_for(tmp_path, shown.get_absolute_url()).read_bytes()
    assert not file_for(tmp_path, hidden.get_absolute_url()).exists()


def test_a_registered_type_can_be_taken_down(client, tmp_path, notes):
    shown, _hidden = notes
    note_url = shown.get_absolute_url()
    call_command("bake", str(tmp_path), no_assets=True, verbosity=0)
    registry.register(replace(NOTE, unpublish=_clear_flag))
    call_command("takedown", note_url, reason="Test", baked=[str(tmp_path)], stdout=StringIO())
    assert client.get(note_url).status_code == 404
    assert not file_for(tmp_path, note_url).exists()


def _clear_flag(note, user) -> None:
    note.is_published = False
    note.save()
