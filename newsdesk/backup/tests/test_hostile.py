"""The restore drill of docs/backup.md works as documented, and a hostile archive can neither
publish local files nor bring back passwords it claims not to have."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from newsdesk.backup.tests.test_roundtrip import empty_installation

NEWSDESK = Path(sys.executable).with_name("newsdesk")


def newsdesk(var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The console script as an operator runs it: default settings, its own var folder."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL", "MEDIA_ROOT"}
    }
    env |= {"NEWSDESK_VAR_DIR": str(var_dir), "EDITOR_PASSWORD": "ein-langes-passwort-2026"}
    return subprocess.run(
        [str(NEWSDESK), *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_the_documented_restore_drill_works_after_migrate(tmp_path):
    """`newsdesk migrate && newsdesk restore DIR`, exactly as docs/backup.md says."""
    old, new, archive = tmp_path / "old", tmp_path / "new", tmp_path / "archive"
    for step in (
        ("migrate", "--noinput", "-v0"),
        (
            "create-editor",
            "chefin",
            "--role",
            "Redaktion",
            "--password-from-env",
            "EDITOR_PASSWORD",
        ),
        ("export", str(archive), "-v0"),
    ):
        result = newsdesk(old, *step)
        assert result.returncode == 0, result.stderr
    assert (
        "newsdesk migrate && newsdesk restore"
        in (Path(__file__).parents[3] / "docs" / "backup.md").read_text()
    )

    assert newsdesk(new, "migrate", "--noinput", "-v0").returncode == 0
    result = newsdesk(new, "restore", str(archive), "-v0")
    assert result.returncode == 0, result.stderr
    assert "Keine Passwörter übernommen" in result.stdout
    assert "chefin (Redaktionszugang)" in result.stdout


def rewrite(archive: Path, label: str, rows: list[dict]) -> None:
    """An archive edited by hand, its checksum fixed up."""
    path = archive / "data" / f"{label}.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    manifest = json.loads((archive / "manifest.json").read_text())
    manifest["files"][path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest["models"][label] = len(rows)
    (archive / "manifest.json").write_text(json.dumps(manifest))


def add_media(archive: Path, name: str, make) -> None:
    path = archive / "media" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    manifest = json.loads((archive / "manifest.json").read_text())
    manifest["media"][name] = hashlib.sha256(path.read_bytes()).hexdigest()
    (archive / "manifest.json").write_text(json.dumps(manifest))


@pytest.fixture
def archive(db, tmp_path):
    empty_installation()
    target = tmp_path / "archive"
    call_command("export", str(target), verbosity=0, stdout=StringIO())
    return target


@pytest.mark.django_db(transaction=True)
def test_an_archive_with_a_symbolic_link_publishes_no_local_file(archive, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("geheim")
    add_media(archive, "images/2026/12/leak.jpg", lambda path: path.symlink_to(secret))
    with pytest.raises(CommandError, match="symbolische Verknüpfung"):
        call_command("restore", str(archive), verbosity=0)
    assert not default_storage.exists("images/2026/12/leak.jpg")


@pytest.mark.django_db(transaction=True)
def test_an_archive_with_a_linked_folder_publishes_no_local_file(archive, tmp_path):
    outside = tmp_path / "etc"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0")
    (archive / "media").mkdir(exist_ok=True)
    (archive / "media" / "images").symlink_to(outside)
    with pytest.raises(CommandError, match="symbolische Verknüpfung"):
        call_command("restore", str(archive), verbosity=0)
    assert not default_storage.exists("images/passwd")


@pytest.mark.django_db(transaction=True)
def test_an_archive_with_a_hard_link_publishes_no_local_file(archive, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("geheim")
    add_media(archive, "images/2026/12/leak.jpg", lambda path: os.link(secret, path))
    with pytest.raises(CommandError, match="harter Link"):
        call_command("restore", str(archive), verbosity=0)
    assert not default_storage.exists("images/2026/12/leak.jpg")


@pytest.mark.django_db(transaction=True)
def test_an_archive_naming_paths_outside_the_media_folder_is_refused(archive):
    manifest = json.loads((archive / "manifest.json").read_text())
    manifest["media"]["../../secret_key"] = "0" * 64
    (archive / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="außerhalb des Medienordners"):
        call_command("restore", str(archive), verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_media_file_not_in_the_manifest_is_refused(archive):
    (archive / "media" / "images").mkdir(parents=True)
    (archive / "media" / "images" / "extra.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(CommandError, match="nicht im Manifest"):
        call_command("restore", str(archive), verbosity=0)
    assert not default_storage.exists("images/extra.jpg")


@pytest.mark.django_db(transaction=True)
def test_an_archive_without_passwords_brings_back_no_password(archive):
    rewrite(
        archive,
        "auth.user",
        [
            {
                "model": "auth.user",
                "pk": 7,
                "fields": {
                    "username": "wartung",
                    "is_superuser": True,
                    "is_staff": True,
                    "password": make_password("restored-backdoor-2026"),
                },
            }
        ],
    )
    out = StringIO()
    call_command("restore", str(archive), verbosity=0, stdout=out)
    user = get_user_model().objects.get(username="wartung")
    assert not user.has_usable_password()
    assert "Keine Passwörter übernommen" in out.getvalue()
    assert "wartung (Superuser)" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_restore_says_truthfully_which_passwords_came_back(tmp_path):
    empty_installation()
    get_user_model().objects.create_user("chefin", password="ein-langes-passwort-2026")
    archive = tmp_path / "archive"
    call_command("export", str(archive), "--with-passwords", verbosity=0, stdout=StringIO())
    empty_installation()
    out = StringIO()
    call_command("restore", str(archive), verbosity=0, stdout=out)
    assert "Passwörter aus dem Archiv übernommen für 1 Konten: chefin." in out.getvalue()
