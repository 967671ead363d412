"""export → restore into an empty installation: every public page renders byte-identical."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client

from newsdesk.articles.models import Article, ArticleRevision
from newsdesk.backup.archive import archived_models
from newsdesk.comments.models import Comment
from newsdesk.core.markup import render_markdown
from newsdesk.demo.loader import load_demo
from newsdesk.pagecache.bake import public_paths

WORDPRESS = Path(__file__).parents[2] / "importers" / "tests" / "fixtures" / "wordpress"


def render_site() -> dict[str, bytes]:
    """Every public page as a reader gets it."""
    cache.clear()
    render_markdown.cache_clear()
    client = Client()
    pages = {}
    for path in public_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
    return pages


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in archived_models()}


def empty_installation() -> None:
    """What a fresh `migrate` leaves: no content, no media."""
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    media = Path(settings.MEDIA_ROOT)
    for child in media.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


@pytest.fixture
def site(db, steady_comment_form):
    """The demo newsroom plus an imported WordPress archive: every kind of content."""
    load_demo()
    call_command(
        "import_wordpress",
        str(WORDPRESS / "technikblatt.wordpress.xml"),
        "--media",
        str(WORDPRESS / "uploads"),
        verbosity=0,
    )
    return render_site()


@pytest.mark.django_db(transaction=True)
def test_restored_site_renders_every_public_page_identically(site, tmp_path):
    before = counts()
    passwords = dict(get_user_model().objects.values_list("username", "password"))
    archive = tmp_path / "archive"
    call_command("export", str(archive), verbosity=0, stdout=StringIO())

    manifest = json.loads((archive / "manifest.json").read_text())
    assert manifest["format"] == "newsdesk-archive" and manifest["version"] == 1
    assert manifest["models"]["articles.article"] == before["articles.article"]
    assert manifest["media_files"] > 0
    users = (archive / "data" / "auth.user.jsonl").read_text()
    assert all(hashed not in users for hashed in passwords.values())

    empty_installation()
    assert Article.objects.count() == 0
    out = StringIO()
    call_command("restore", str(archive), verbosity=0, stdout=out)
    assert "Wiederhergestellt" in out.getvalue()

    assert counts() == before
    after = render_site()
    assert sorted(after) == sorted(site)
    different = [path for path in site if site[path] != after[path]]
    assert different == []
    # Revisions and moderation state came back too, and accounts need a new password.
    assert ArticleRevision.objects.exists()
    assert Comment.objects.filter(status=Comment.Status.PENDING).exists()
    assert not get_user_model().objects.filter(username="redaktion").get().has_usable_password()
    # New rows get fresh ids after the restored ones (sequences were moved on).
    newest = Article.objects.order_by("-pk").first()
    clone = Article.objects.create(headline="Neu", slug="neu-nach-restore", teaser="t")
    assert clone.pk > newest.pk


@pytest.mark.django_db(transaction=True)
def test_with_passwords_keeps_the_hashes(tmp_path):
    User = get_user_model()
    User.objects.create_user("chefin", password="ein-langes-passwort-2026")
    archive = tmp_path / "archive"
    call_command("export", str(archive), "--with-passwords", verbosity=0, stdout=StringIO())
    empty_installation()
    call_command("restore", str(archive), verbosity=0, stdout=StringIO())
    assert User.objects.get(username="chefin").check_password("ein-langes-passwort-2026")


@pytest.mark.django_db
def test_restore_refuses_an_installation_with_content(tmp_path):
    User = get_user_model()
    User.objects.create_user("chefin")
    archive = tmp_path / "archive"
    call_command("export", str(archive), verbosity=0, stdout=StringIO())
    with pytest.raises(CommandError, match="nur in eine leere Installation"):
        call_command("restore", str(archive), verbosity=0)
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_export_refuses_a_directory_with_files(tmp_path):
    (tmp_path / "alt.txt").write_text("etwas")
    with pytest.raises(CommandError, match="nicht leer"):
        call_command("export", str(tmp_path), verbosity=0)


@pytest.mark.django_db
def test_newer_or_damaged_archives_are_refused(tmp_path):
    archive = tmp_path / "archive"
    call_command("export", str(archive), verbosity=0, stdout=StringIO())
    manifest_path = archive / "manifest.json"
    manifest = json.loads(manifest_path.read_text())

    manifest_path.write_text(json.dumps({**manifest, "version": 2}))
    with pytest.raises(CommandError, match="Format-Version 2"):
        call_command("restore", str(archive), verbosity=0)

    manifest_path.write_text(json.dumps(manifest))
    with (archive / "data" / "sites.site.jsonl").open("a") as data:
        data.write("{}\n")
    with pytest.raises(CommandError, match="beschädigt"):
        call_command("restore", str(archive), verbosity=0)

    with pytest.raises(CommandError, match="kein newsdesk-Archiv"):
        call_command("restore", str(tmp_path / "leer"), verbosity=0)
    # The manifest itself instead of its folder, for either command.
    with pytest.raises(CommandError, match="ist eine Datei. Bitte das Archiv-Verzeichnis"):
        call_command("restore", str(manifest_path), verbosity=0)
    with pytest.raises(CommandError, match="ist eine Datei. Bitte ein leeres Verzeichnis"):
        call_command("export", str(manifest_path), verbosity=0)
