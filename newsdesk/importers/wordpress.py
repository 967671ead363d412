"""WordPress export (WXR) → newsdesk: authors, topics, images, articles, pages, comments, redirects.

Two streaming passes over the file. The first brings authors, categories, tags and attachments
(images), so that the second can resolve every reference a post makes (``[gallery ids=...]``,
featured images, ``wp-image-N``) wherever in the file the attachment stands. Each batch is one
transaction that also writes its mapping rows: a run killed at any point leaves whole batches,
and the next run skips what a previous one finished (same checksum) and updates what changed.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from newsdesk.articles.models import Author, Topic
from newsdesk.core.text import german_slugify
from newsdesk.galleries.models import Image
from newsdesk.galleries.services import create_image
from newsdesk.newsroom.groups import AUTHOR as AUTHOR_ROLE
from newsdesk.publishing import changes

from . import wordpress_posts
from .legacy import RedirectBatch, old_path, wp_nicename
from .mapping import Mapping, checksum
from .models import ImportedObject
from .report import MISSING, NEW, SKIPPED, UNCHANGED, UPDATED, ImportReport
from .wxr import WxrAuthor, WxrItem, WxrReader, WxrTerm, WxrUnreadable, check_whole

Kind = ImportedObject.Kind
CREDIT = re.compile(r's:6:"credit";s:\d+:"(.*?)";')
IMAGE_TYPES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


class ImportFailed(Exception):
    """The export cannot be read; the message says why, in German, for the operator."""


class _DryRunRollback(Exception):
    pass


@dataclass
class Options:
    media_dir: Path | None = None
    dry_run: bool = False
    tags_as: str = "topics"  # or "keywords"
    batch_size: int = 200
    time_zone: str = ""


def unique_slug(model, base: str, max_length: int, taken: set[str] | None = None) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is free in the table (and in ``taken``)."""
    base = (base or "import")[:max_length].strip("-") or "import"
    candidate, number = base, 1
    while (taken and candidate in taken) or model.objects.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate


class WordPressImport:
    def __init__(
        self,
        path: Path,
        options: Options | None = None,
        progress: Callable[[int], None] | None = None,
    ):
        self.path = Path(path)
        self.options = options or Options()
        self.progress = progress
        self.report = ImportReport(dry_run=self.options.dry_run)
        self.time_zone = zoneinfo.ZoneInfo(self.options.time_zone or settings.TIME_ZONE)
        self.mapping: Mapping | None = None
        self.source = ""
        # Filled by the first pass, read by the second.
        self.authors: dict[str, int] = {}  # login → Author id
        self.topics: dict[tuple[str, str], int] = {}  # (domain, slug) → Topic id
        self.keywords: dict[str, str] = {}  # tag slug → name, when tags become keywords
        self.images: dict[str, int] = {}  # attachment id → Image id
        self.image_files: dict[str, str] = {}  # uploads-relative path → attachment id
        self.attachments: dict[str, tuple[str, str]] = {}  # attachment id → (parent id, link)
        self.category_paths: dict[str, str] = {}
        self.upload_redirects = RedirectBatch()  # per attachment batch

    # -- running ---------------------------------------------------------------------------

    def run(self) -> ImportReport:
        if not self.path.is_file():
            raise ImportFailed(f"Die Datei {self.path} gibt es nicht.")
        try:
            check_whole(self.path, self.progress)
            if self.options.dry_run:
                try:
                    with transaction.atomic():
                        self._run()
                        raise _DryRunRollback
                except _DryRunRollback:
                    pass
            else:
                self._run()
        except DefusedXmlException as error:
            raise ImportFailed(
                "Die Datei enthält eine DTD oder Entitäten. Ein WordPress-Export hat so etwas "
                f"nie; aus Sicherheitsgründen wird sie nicht gelesen ({type(error).__name__})."
            ) from error
        except WxrUnreadable as error:
            raise ImportFailed(str(error)) from error
        except ParseError as error:
            raise ImportFailed(
                f"Die Datei ist kein gültiges XML ({error}). Bis dahin vollständig gelesene "
                "Stapel sind gespeichert; ein neuer Lauf mit einer reparierten Datei setzt fort."
            ) from error
        return self.report

    def _run(self) -> None:
        first = WxrReader(self.path, self.progress, keep_item=lambda kind: kind == "attachment")
        batch: list[WxrItem] = []
        for record in first:
            self._start(first)
            if isinstance(record, WxrAuthor):
                self._author(record)
            elif isinstance(record, WxrTerm):
                self._term(record)
            elif record.post_type == "attachment":
                batch.append(record)
                if len(batch) >= self.options.batch_size:
                    self._attachments(batch)
                    batch = []
        if not self.source:
            raise ImportFailed(
                "Die Datei ist kein WordPress-Export: ihr fehlt die Adresse der Seite "
                "(wp:base_site_url). Exportieren Sie unter „Werkzeuge > Daten exportieren“."
            )
        self._attachments(batch)
        posts = wordpress_posts.PostImport(self)
        batch = []
        second = WxrReader(self.path, self.progress, keep_item=lambda kind: kind != "attachment")
        # Pages, listings and sitemaps the run changed are invalidated once, when it ends
        # (also when it stops half-way: the batches written so far are committed).
        with changes.suppressed():
            for record in second:
                if isinstance(record, WxrItem):
                    batch.append(record)
                    if len(batch) >= self.options.batch_size:
                        posts.import_batch(batch)
                        batch = []
            posts.import_batch(batch)
            posts.attachment_redirects()

    def _start(self, reader: WxrReader) -> None:
        if self.mapping is not None:
            return
        channel = reader.channel
        self.source = (channel.base_blog_url or channel.base_site_url or channel.link)[:200]
        if self.source:
            self.mapping = Mapping(self.source)

    def local_time(self, value: str) -> dt.datetime | None:
        from .wxr import parse_date

        return parse_date(value, self.time_zone)

    # -- authors ---------------------------------------------------------------------------

    def _author(self, author: WxrAuthor) -> None:
        assert self.mapping is not None
        label = f"Autor {author.login}"
        name = (
            author.display_name or f"{author.first_name} {author.last_name}".strip() or author.login
        )[:120]
        digest = checksum(author.login, author.email, name)
        found = self.mapping.get(Kind.AUTHOR, author.login)
        if found and found.checksum == digest:
            self.authors[author.login] = found.object_id
            self.report.add("Autoren", UNCHANGED)
            return
        with transaction.atomic():
            redirects = RedirectBatch()
            if found:
                record = Author.objects.get(pk=found.object_id)
                record.name = name
                record.save()
                self.report.add("Autoren", UPDATED)
            else:
                nicename = wp_nicename(author.login)
                record = Author.objects.create(
                    name=name,
                    slug=unique_slug(Author, german_slugify(nicename), 120),
                    user=self._account(author, label),
                )
                self.report.add("Autoren", NEW)
            redirects.extend(
                [f"/author/{wp_nicename(author.login)}/", f"/?author={author.author_id}"],
                record.get_absolute_url(),
            )
            redirects.write()
            self.mapping.save(Kind.AUTHOR, author.login, record, digest)
        self.authors[author.login] = record.pk

    def _account(self, author: WxrAuthor, label: str):
        """A newsroom account without a password: the author sets one by password reset."""
        User = get_user_model()
        username = author.login[:150] or "wordpress"
        if User.objects.filter(username=username).exists():
            # Never attach an imported author to an existing account (think "admin").
            base, number = username[:140], 1
            while User.objects.filter(username=username).exists():
                number += 1
                username = f"{base}-wp{number if number > 2 else ''}"
            self.report.warn(label, f"Anmeldename vergeben, Konto heißt „{username}“.")
        user = User(
            username=username,
            email=author.email[:254],
            first_name=author.first_name[:150],
            last_name=author.last_name[:150],
            is_staff=True,
        )
        user.set_unusable_password()
        user.save()
        group = Group.objects.filter(name=AUTHOR_ROLE).first()
        if group is not None:
            user.groups.add(group)
        return user

    # -- categories and tags ---------------------------------------------------------------

    def _term(self, term: WxrTerm) -> None:
        assert self.mapping is not None
        if term.kind == "category":
            parent_path = self.category_paths.get(term.parent_slug, term.parent_slug)
            self.category_paths[term.slug] = (
                f"{parent_path}/{term.slug}" if term.parent_slug else term.slug
            )
        if term.kind == "tag" and self.options.tags_as == "keywords":
            self.keywords[term.slug] = term.name[:100]
            self.report.add("Schlagwörter (als Stichwort)", NEW)
            return
        kind = Kind.CATEGORY if term.kind == "category" else Kind.TAG
        counted = "Kategorien" if term.kind == "category" else "Schlagwörter"
        name = (term.name or term.slug)[:100]
        digest = checksum(term.slug, name, term.description, term.parent_slug)
        found = self.mapping.get(kind, term.slug)
        if found and found.checksum == digest:
            self.topics[(term.kind, term.slug)] = found.object_id
            self.report.add(counted, UNCHANGED)
            return
        with transaction.atomic():
            topic = Topic.objects.filter(pk=found.object_id).first() if found else None
            if topic is None:
                # A category and a tag of the same name (or an existing topic) become one topic.
                topic = Topic.objects.filter(name__iexact=name).first()
            if topic is None:
                topic = Topic.objects.create(
                    name=name,
                    slug=unique_slug(Topic, german_slugify(name) or term.slug, 100),
                    description=term.description,
                )
                self.report.add(counted, NEW)
            else:
                if term.description and not topic.description:
                    topic.description = term.description
                    topic.save()
                self.report.add(counted, UPDATED if found else NEW)
            redirects = RedirectBatch()
            if term.kind == "category":
                olds = [f"/category/{self.category_paths[term.slug]}/", f"/?cat={term.term_id}"]
            else:
                olds = [f"/tag/{term.slug}/", f"/?tag={term.slug}"]
            redirects.extend([old_path(o) for o in olds], topic.get_absolute_url())
            redirects.write()
            self.mapping.save(kind, term.slug, topic, digest)
        self.topics[(term.kind, term.slug)] = topic.pk

    # -- attachments -----------------------------------------------------------------------

    def _attachments(self, batch: list[WxrItem]) -> None:
        assert self.mapping is not None
        if not batch:
            return
        with transaction.atomic():
            found = self.mapping.find(Kind.ATTACHMENT, [item.post_id for item in batch])
            self.upload_redirects = RedirectBatch()
            self.unchanged_uploads: dict[int, str] = {}  # Image id → old file address
            for item in batch:
                self._attachment(item, found.get(item.post_id))
            # Pictures of an earlier run (perhaps by a version without these redirects).
            files = Image.objects.filter(pk__in=self.unchanged_uploads).values_list("pk", "file")
            for pk, name in files:
                if name:
                    self.upload_redirects.add(self.unchanged_uploads[pk], default_storage.url(name))
            self.upload_redirects.write()

    def _attachment(self, item: WxrItem, found: ImportedObject | None) -> None:
        assert self.mapping is not None
        relative = (
            item.meta.get("_wp_attached_file") or item.attachment_url.partition("/uploads/")[2]
        )
        self.attachments[item.post_id] = (item.parent_id, item.link)
        if relative:
            self.image_files[relative] = item.post_id
        credit_match = CREDIT.search(item.meta.get("_wp_attachment_metadata", ""))
        fields = {
            "title": (item.title or Path(relative).stem or item.post_id)[:200],
            "caption": " ".join(item.excerpt.split())[:500],
            "alt_text": item.meta.get("_wp_attachment_image_alt", "")[:300],
            "credit": (credit_match.group(1) if credit_match else "")[:200],
        }
        digest = checksum(relative, fields)
        if found and found.checksum == digest:
            self.images[item.post_id] = found.object_id
            self.report.add("Bilder", UNCHANGED)
            if item.attachment_url:
                self.unchanged_uploads[found.object_id] = old_path(item.attachment_url)
            return
        if found:
            Image.objects.filter(pk=found.object_id).update(**fields)
            self.mapping.save(Kind.ATTACHMENT, item.post_id, Image(pk=found.object_id), digest)
            self.images[item.post_id] = found.object_id
            self.report.add("Bilder", UPDATED)
            return
        if Path(relative).suffix.lower() not in IMAGE_TYPES:
            self.report.warn(item.label, f"kein Bild ({relative or 'ohne Datei'}), ausgelassen.")
            self.report.add("Bilder", SKIPPED)
            return
        media_dir = self.options.media_dir
        file = media_dir / relative if media_dir else None
        if file is not None and (Path(relative).is_absolute() or ".." in Path(relative).parts):
            # "../" in an export's file name must not read files outside the uploads folder
            # (checked on the name: year folders linked to another disk stay readable).
            self.report.warn(item.label, f"Dateiname {relative} zeigt aus {media_dir} hinaus.")
            self.report.add("Bilder", SKIPPED)
            return
        if file is None or not file.is_file():
            where = f"in {media_dir}" if media_dir else "(kein --media angegeben)"
            self.report.warn(item.label, f"Datei {relative} fehlt {where}.")
            self.report.add("Bilder", MISSING)
            return
        if not fields["credit"]:
            self.report.warn(item.label, "ohne Bildnachweis: vor der Veröffentlichung ergänzen.")
        try:
            image = self._store_image(file, fields)
        except ValidationError as error:
            self.report.warn(item.label, f"Bild abgelehnt: {' '.join(error.messages)}")
            self.report.add("Bilder", SKIPPED)
            return
        except OSError as error:  # unreadable (permissions) or gone since the check above
            self.report.warn(item.label, f"Datei {relative} nicht lesbar: {error.strerror}.")
            self.report.add("Bilder", MISSING)
            return
        self.mapping.save(Kind.ATTACHMENT, item.post_id, image, digest)
        self.images[item.post_id] = image.pk
        self.report.add("Bilder", NEW)
        if item.attachment_url and image.file:
            # The file's own old address (/wp-content/uploads/...): other sites and image
            # searches link the picture itself.
            self.upload_redirects.add(old_path(item.attachment_url), image.file.url)

    def _store_image(self, file: Path, fields: dict[str, str]) -> Image:
        if self.options.dry_run:
            # Checked like an upload, but nothing lands in the media storage.
            from .dryrun import checked_image

            return checked_image(file, fields)
        with file.open("rb") as handle:
            return create_image(File(handle, name=file.name), **fields)

    # -- lookups for the second pass -------------------------------------------------------

    def image_for_src(self, src: str) -> str | None:
        """The attachment id behind an uploads address, resized variants included."""
        relative = src.partition("/uploads/")[2].split("?")[0]
        if not relative:
            return None
        if relative in self.image_files:
            return self.image_files[relative]
        original = re.sub(r"-\d+x\d+(\.\w+)$", r"\1", relative)
        return self.image_files.get(original)
