"""A complete, versioned, portable archive of a site, and its restore into an empty installation.

Layout of an archive directory::

    manifest.json            format name and version, counts, a SHA-256 of every file
    data/<app>.<model>.jsonl one object per line, Django's serialisation with natural keys
    media/...                every file of the media storage, under its stored name

Every model of every installed app is written (the app registry is walked, so apps added later
are covered without a change here), except rows that each installation makes for itself
(content types, permissions), sessions, and the page cache's bookkeeping. References to content
types, permissions, users, groups and the site use natural keys, so the archive loads into a
database whose automatic ids differ. Password hashes are left out unless asked for: a restored
account then needs a password reset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import caches
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import Model

from newsdesk.publishing import changes
from newsdesk.search import indexing as search_indexing

FORMAT = "newsdesk-archive"
VERSION = 1
MANIFEST = "manifest.json"
# Made by every installation itself (migrate), or state that must not travel.
SKIPPED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "pagecache.keygeneration",
    # The search index is derived from the content and rebuilt after a restore; loading it
    # would clash with the entries the restored articles' own signals write.
    "search.searchentry",
    "search.searchword",
}
# Rows that a freshly migrated installation already has (`newsdesk migrate` writes the site,
# the newsroom groups and the default search synonyms); a restore replaces them.
INSTALLATION_MODELS = {"sites.site", "auth.group", "search.synonym"}
# Loaded first: other rows point at them by natural key.
FIRST = ["sites.site", "auth.group", "auth.user"]
CHUNK = 1000


class LosslessEncoder(DjangoJSONEncoder):
    """Times with their microseconds (DjangoJSONEncoder keeps milliseconds only)."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """Why an export or restore cannot go on, in German, for the operator."""


@dataclass
class ArchiveReport:
    counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    # Restore only: accounts that came back with a usable password hash from the archive,
    # and every account with newsroom or admin rights (for the operator to check).
    passwords_restored: list[str] = field(default_factory=list)
    privileged: list[str] = field(default_factory=list)

    def lines(self, verb: str) -> list[str]:
        total = sum(self.counts.values())
        lines = [
            f"{verb}: {total} Objekte in {len(self.counts)} Tabellen, {self.media_files} Dateien"
        ]
        lines += [f"  {label}: {count}" for label, count in self.counts.items() if count]
        return lines


def archived_models() -> list[type[Model]]:
    """Every concrete model of the installation that belongs in an archive, loading order."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in SKIPPED_MODELS and not model._meta.proxy
    ]
    first = [m for label in FIRST for m in models if m._meta.label_lower == label]
    return first + [m for m in models if m not in first]


def _walk(storage: Storage, directory: str = "") -> Iterator[str]:
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return  # a fresh installation has no media folder yet
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from _walk(storage, f"{directory}/{name}" if directory else name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- export --------------------------------------------------------------------------------


def export_site(
    target: Path,
    *,
    with_passwords: bool = False,
    progress: Callable[[int], None] | None = None,
    storage: Storage | None = None,
) -> ArchiveReport:
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ArchiveError(f"{target} ist eine Datei. Bitte ein leeres Verzeichnis angeben.")
    if target.exists() and any(target.iterdir()):
        raise ArchiveError(f"{target} ist nicht leer. Bitte ein leeres Verzeichnis angeben.")
    storage = storage or default_storage
    progress = progress or (lambda n: None)
    (target / "data").mkdir(parents=True)
    report = ArchiveReport()
    files: dict[str, str] = {}
    # One transaction: on PostgreSQL every query of the export reads the same snapshot.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in archived_models():
            label = model._meta.label_lower
            path = target / "data" / f"{label}.jsonl"
            report.counts[label] = _export_model(model, path, with_passwords, progress)
            files[path.name] = _sha256(path)
    media = target / "media"
    media_sums: dict[str, str] = {}
    for name in _walk(storage):
        destination = media / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as source, destination.open("wb") as out:
            for block in iter(lambda source=source: source.read(1 << 20), b""):
                out.write(block)
                digest.update(block)
        media_sums[name] = digest.hexdigest()
        report.media_files += 1
        progress(1)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "with_passwords": with_passwords,
        "models": report.counts,
        "files": files,
        "media_files": report.media_files,
        # Checked on restore: a damaged or lost picture is found before the site goes live.
        "media": media_sums,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return report


def _export_model(
    model: type[Model], path: Path, with_passwords: bool, progress: Callable[[int], None]
) -> int:
    count = 0
    strip_passwords = model._meta.label_lower == "auth.user" and not with_passwords
    with path.open("w", encoding="utf-8") as out:
        rows = model._default_manager.order_by("pk").iterator(chunk_size=CHUNK)
        for obj in rows:
            (data,) = serializers.serialize("python", [obj], use_natural_foreign_keys=True)
            if strip_passwords:
                data["fields"]["password"] = make_password(None)  # unusable
            out.write(json.dumps(data, cls=LosslessEncoder, ensure_ascii=False) + "\n")
            count += 1
            progress(1)
    return count


# -- restore -------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    if Path(source).is_file():
        raise ArchiveError(
            f"{source} ist eine Datei. Bitte das Archiv-Verzeichnis angeben, in dem "
            f"{MANIFEST} liegt."
        )
    try:
        manifest = json.loads((Path(source) / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise ArchiveError(f"In {source} liegt kein newsdesk-Archiv ({MANIFEST} fehlt).") from error
    except json.JSONDecodeError as error:
        raise ArchiveError(f"{MANIFEST} ist beschädigt: {error}.") from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"{source} ist kein newsdesk-Archiv.")
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ArchiveError(
            f"Das Archiv hat Format-Version {version}; dieses newsdesk liest bis Version "
            f"{VERSION}. Bitte newsdesk aktualisieren."
        )
    return manifest


def installation_problems() -> list[str]:
    """What makes this installation not empty (a restore would mix two sites)."""
    problems = []
    for model in archived_models():
        label = model._meta.label_lower
        if label in INSTALLATION_MODELS:
            continue
        count = model._default_manager.count()
        if count:
            problems.append(f"{count} × {model._meta.verbose_name_plural} ({label})")
    return problems


def _verify(source: Path, manifest: dict) -> None:
    known = {m._meta.label_lower for m in archived_models()}
    unknown = sorted(set(manifest.get("models", {})) - known)
    if unknown:
        raise ArchiveError(
            "Das Archiv enthält Daten, die diese Installation nicht kennt: "
            f"{', '.join(unknown)}. Bitte die newsdesk-Version des Archivs installieren."
        )
    if (source / "data").is_symlink():
        raise ArchiveError("Der Datenordner des Archivs ist eine symbolische Verknüpfung.")
    for name, expected in manifest.get("files", {}).items():
        path = source / "data" / name
        if not _plain_name(name) or "/" in name or not _regular_file(path):
            raise ArchiveError(f"Archivdatei data/{name} fehlt oder ist keine gewöhnliche Datei.")
        if _sha256(path) != expected:
            raise ArchiveError(f"Archivdatei data/{name} fehlt oder ist beschädigt.")


def restore_site(
    source: Path,
    *,
    progress: Callable[[int], None] | None = None,
    storage: Storage | None = None,
) -> ArchiveReport:
    source = Path(source)
    manifest = read_manifest(source)
    _verify(source, manifest)
    problems = installation_problems()
    if problems:
        raise ArchiveError(
            "Wiederherstellen nur in eine leere Installation (frisch migriert). Hier gibt es "
            "schon: " + "; ".join(problems[:8]) + ". Nichts wurde verändert."
        )
    storage = storage or default_storage
    progress = progress or (lambda n: None)
    report = ArchiveReport()
    written: list[str] = []
    with_passwords = manifest.get("with_passwords") is True
    try:
        _restore_media(source / "media", manifest, storage, written, report, progress)
        with transaction.atomic():
            models = archived_models()
            # Rows come back exactly as archived: the suggestions are loaded as they were and
            # the index is rebuilt below, so the pipeline only invalidates, once, at the end.
            with changes.suppressed(skip=("search", "related")):
                for model in models:
                    _restore_one(model, manifest, source, report, progress, with_passwords)
            _reset_sequences(models)
            search_indexing.rebuild()
            _report_accounts(report)
    except (DeserializationError, IntegrityError, LookupError, ValueError) as error:
        # Only an archive edited by hand (the checksums were fixed up) gets here.
        _remove(written, storage)
        raise ArchiveError(
            f"Das Archiv ist beschädigt und lässt sich nicht laden ({error}). "
            "Nichts wurde verändert."
        ) from error
    except BaseException:
        _remove(written, storage)
        raise
    _forget_caches()
    return report


def _restore_one(
    model, manifest: dict, source: Path, report: ArchiveReport, progress, with_passwords: bool
) -> None:
    label = model._meta.label_lower
    if label not in manifest["models"]:
        return
    if label in INSTALLATION_MODELS:
        model._default_manager.all().delete()  # replaced by the archive's rows
    # An archive written without passwords must not bring any back, whatever its rows say
    # (an archive edited by hand could carry a hash for a hidden account).
    unusable_passwords = label == "auth.user" and not with_passwords
    report.counts[label] = _restore_model(
        source / "data" / f"{label}.jsonl", progress, unusable_passwords
    )


def _report_accounts(report: ArchiveReport) -> None:
    from django.contrib.auth import get_user_model

    users = get_user_model()._default_manager.order_by("username")
    report.passwords_restored = [u.get_username() for u in users if u.has_usable_password()]
    report.privileged = [
        f"{u.get_username()} ({'Superuser' if u.is_superuser else 'Redaktionszugang'})"
        for u in users
        if u.is_superuser or u.is_staff
    ]


def _remove(written: list[str], storage: Storage) -> None:
    for name in written:
        storage.delete(name)  # the database rolled back: so do the files


def _forget_caches() -> None:
    """The caches describe the installation as it was before (empty, or a lost database's
    site): cached pages, the comment rules, anything else. Drop all of it, so the restored
    site answers with the restored data at once."""
    for alias in settings.CACHES:
        caches[alias].clear()
    ContentType.objects.clear_cache()


def _restore_media(
    media: Path,
    manifest: dict,
    storage: Storage,
    written: list[str],
    report: ArchiveReport,
    progress: Callable[[int], None],
) -> None:
    expected: dict[str, str] = manifest.get("media") or {}
    unsafe = sorted(name for name in expected if not _plain_name(name))
    if unsafe:
        raise ArchiveError(
            f"Das Archiv nennt die Mediendatei {unsafe[0]!r} außerhalb des Medienordners. "
            "Nichts wurde verändert."
        )
    exists = media.exists() or media.is_symlink()
    files = _media_files(media) if exists else []
    missing = sorted(set(expected) - set(files))
    if missing:
        more = f" (und {len(missing) - 1} weitere)" if len(missing) > 1 else ""
        raise ArchiveError(
            f"Im Archiv fehlt die Mediendatei media/{missing[0]}{more}. Nichts wurde verändert."
        )
    # Only files the manifest lists with their checksum are restored: a file slipped into the
    # folder later (or an archive edited by hand) is refused, not published under /media/.
    unlisted = sorted(name for name in files if name not in expected)
    if unlisted:
        more = f" (und {len(unlisted) - 1} weitere)" if len(unlisted) > 1 else ""
        raise ArchiveError(
            f"Die Mediendatei media/{unlisted[0]}{more} steht nicht im Manifest des Archivs. "
            "Nichts wurde verändert."
        )
    for name in files:
        path = media / name
        if _sha256(path) != expected[name]:
            raise ArchiveError(
                f"Die Mediendatei media/{name} im Archiv ist beschädigt. Nichts wurde verändert."
            )
        if storage.exists(name):
            raise ArchiveError(
                f"Die Mediendatei {name} gibt es hier schon. Nichts wurde verändert."
            )
        with path.open("rb") as stream:
            stored = storage.save(name, File(stream, name=path.name))
        written.append(stored)
        if stored != name:
            raise ArchiveError(f"Die Mediendatei {name} wurde als {stored} gespeichert.")
        report.media_files += 1
        progress(1)


def _plain_name(name: str) -> bool:
    """A relative POSIX path that stays inside its folder."""
    parts = name.split("/")
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and not name.startswith("/")
        and all(part not in ("", ".", "..") for part in parts)
    )


def _regular_file(path: Path) -> bool:
    """A regular file with one name: not a symbolic link, not a hard link (it could share its
    content with a file outside the archive), not a device."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1


def _media_files(media: Path) -> list[str]:
    """Every file under ``media``, refusing what could bring in files from outside it."""
    if media.is_symlink() or not media.is_dir():
        raise ArchiveError("Der Medienordner des Archivs ist kein gewöhnlicher Ordner.")
    names = []
    for directory, dirnames, filenames in os.walk(media, followlinks=False):
        for entry in sorted(dirnames + filenames):
            path = Path(directory) / entry
            name = path.relative_to(media).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                raise ArchiveError(
                    f"media/{name} im Archiv ist eine symbolische Verknüpfung. Archive mit "
                    "Verknüpfungen werden nicht wiederhergestellt. Nichts wurde verändert."
                )
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                raise ArchiveError(
                    f"media/{name} im Archiv ist keine gewöhnliche Datei. Nichts wurde verändert."
                )
            if info.st_nlink != 1:
                raise ArchiveError(
                    f"media/{name} im Archiv ist ein harter Link (die Datei hat weitere Namen). "
                    "Bitte das Archiv ohne Links kopieren (cp -r). Nichts wurde verändert."
                )
            names.append(name)
    return sorted(names)


def _restore_model(
    path: Path, progress: Callable[[int], None], unusable_passwords: bool = False
) -> int:
    count = 0
    with path.open(encoding="utf-8") as lines:
        chunk: list[dict] = []
        for line in lines:
            chunk.append(json.loads(line))
            if len(chunk) >= CHUNK:
                count += _load(chunk, unusable_passwords)
                progress(len(chunk))
                chunk = []
        count += _load(chunk, unusable_passwords)
        progress(len(chunk))
    return count


def _load(chunk: list[dict], unusable_passwords: bool = False) -> int:
    count = 0
    for obj in serializers.deserialize("python", chunk, handle_forward_references=True):
        if unusable_passwords:
            obj.object.password = make_password(None)
        obj.save()  # raw: no auto_now, no defaults: exactly the archived values
        count += 1
    return count


def _reset_sequences(models: list[type[Model]]) -> None:
    """Rows came with their ids: the next new row must not collide (PostgreSQL sequences)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
