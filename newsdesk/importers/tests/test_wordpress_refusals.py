"""import-wordpress refusing or narrowing an import, each on an empty database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError

from newsdesk.articles.models import Article, Author, Topic
from newsdesk.galleries.models import Image
from newsdesk.importers.models import ArticleKeyword, ImportedObject

from .test_wordpress import EXPORT, UPLOADS, run_import

pytestmark = pytest.mark.django_db


def test_dry_run_writes_nothing(db):
    media_before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    output = run_import("--media", str(UPLOADS), "--dry-run")
    assert "Probelauf, nichts geschrieben" in output
    assert "Artikel: 6 neu" in output
    assert Article.objects.count() == 0
    assert ImportedObject.objects.count() == 0
    assert Redirect.objects.count() == 0
    assert get_user_model().objects.count() == 0
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == media_before


def test_without_media_folder_images_are_reported_not_fatal(db):
    output = run_import()
    assert Article.objects.count() == 6
    assert Image.objects.count() == 0
    assert "kein --media angegeben" in output


def test_tags_as_keywords(db):
    run_import("--media", str(UPLOADS), "--tags", "keywords")
    assert Topic.objects.count() == 5
    review = Article.objects.get(slug="galaxy-s7-im-test")
    assert set(review.keywords.values_list("name", flat=True)) == {
        "Akku",
        "Android",
        "Testbericht",
    }
    assert ArticleKeyword.objects.count() == 4


def test_entities_and_doctype_are_refused(db, tmp_path):
    hostile = tmp_path / "laughs.xml"
    hostile.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n<rss><channel><title>&b;</title></channel></rss>'
    )
    with pytest.raises(CommandError, match="DTD oder Entitäten"):
        run_import(export=hostile)
    assert Article.objects.count() == 0


def test_broken_xml_and_foreign_files_get_a_clear_error(db, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(EXPORT.read_text()[:5000])
    with pytest.raises(CommandError, match="unvollständig"):
        run_import(export=broken)
    broken.write_text(EXPORT.read_text().replace("</wp:author>", "</wp:autor>", 1))
    with pytest.raises(CommandError, match="kein gültiges XML \\(Zeile \\d+, Spalte \\d+"):
        run_import(export=broken)
    assert Author.objects.count() == 0
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss><channel><title>Ein Feed</title></channel></rss>")
    with pytest.raises(CommandError, match="kein WordPress-Export"):
        run_import(export=feed)
    with pytest.raises(CommandError, match="gibt es nicht"):
        run_import(export=tmp_path / "fehlt.xml")


def test_a_truncated_export_writes_nothing(db, tmp_path):
    """A download cut off near the end: authors, terms and pictures stand early in the file,
    but none of them is imported from a file that is not whole."""
    cut = tmp_path / "abgebrochen.xml"
    data = EXPORT.read_bytes()
    cut.write_bytes(data[: len(data) - 2000])
    media_before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    with pytest.raises(CommandError, match="unvollständig.*Nichts wurde importiert"):
        run_import("--media", str(UPLOADS), export=cut)
    assert Author.objects.count() == 0
    assert Topic.objects.count() == 0
    assert Image.objects.count() == 0
    assert ImportedObject.objects.count() == 0
    assert get_user_model().objects.count() == 0
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == media_before


def test_an_export_saved_in_another_encoding_is_named_as_such(db, tmp_path):
    """Opened and saved again in an editor as Windows-1252, with the UTF-8 declaration left."""
    recoded = tmp_path / "latin1.xml"
    recoded.write_bytes(EXPORT.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    with pytest.raises(CommandError, match="nicht UTF-8.*Zeile \\d+.*Nichts wurde importiert"):
        run_import("--media", str(UPLOADS), export=recoded)
    assert Author.objects.count() == 0
    assert ImportedObject.objects.count() == 0


def test_a_folder_is_not_taken_for_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="ist ein Ordner"):
        run_import(export=tmp_path)
    with pytest.raises(CommandError, match="ist kein Ordner"):
        run_import("--media", str(EXPORT))


def test_an_unreadable_upload_is_reported_and_the_import_goes_on(db, monkeypatch):
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "galaxy-seite.jpg":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    output = run_import("--media", str(UPLOADS))
    assert "galaxy-seite.jpg nicht lesbar: Permission denied" in output
    assert Image.objects.count() == 4
    assert Article.objects.count() == 6


def test_an_unreadable_media_folder_is_refused_before_anything_is_written(db, monkeypatch):
    monkeypatch.setattr(
        "newsdesk.importers.management.commands.import_wordpress.os.access",
        lambda path, mode: Path(path) != UPLOADS,
    )
    with pytest.raises(CommandError, match="darf dieses Konto nicht lesen.*Nichts"):
        run_import("--media", str(UPLOADS))
    assert Author.objects.count() == 0


def test_a_file_name_never_reads_outside_the_uploads_folder(db, tmp_path):
    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    shutil.copy(UPLOADS / "2016" / "07" / "galaxy-vorne.jpg", tmp_path / "geheim.jpg")
    hostile = tmp_path / "export.xml"
    hostile.write_text(
        EXPORT.read_text().replace(
            "<![CDATA[2016/07/galaxy-vorne.jpg]]>", "<![CDATA[../geheim.jpg]]>"
        )
    )
    output = run_import("--media", str(uploads), export=hostile)
    assert "../geheim.jpg zeigt aus" in output
    assert Image.objects.count() == 4
