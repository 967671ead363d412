"""Comments of a WordPress import: status, threading, dates and authors kept."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import nh3
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.comments.models import MAX_COMMENT_LENGTH, Comment

from .models import ImportedObject
from .report import NEW, SKIPPED, UNCHANGED, UPDATED
from .wxr import WxrComment, WxrItem, parse_date

if TYPE_CHECKING:
    from .wordpress import WordPressImport

Kind = ImportedObject.Kind


def comment_status(wordpress_status: str) -> str:
    """WordPress's comment_approved → newsdesk's moderation status."""
    if wordpress_status == "1":
        return Comment.Status.APPROVED
    if wordpress_status == "0":
        return Comment.Status.PENDING
    if wordpress_status == "spam":
        return Comment.Status.SPAM
    return Comment.Status.REMOVED  # trash, post-trashed


def comment_text(content: str) -> str:
    """Comments are plain text in newsdesk: tags dropped, entities decoded, paragraphs kept."""
    text = html.unescape(nh3.clean(content, tags=set(), clean_content_tags={"script", "style"}))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.replace("\r", ""))]
    return "\n\n".join(p for p in paragraphs if p)


def countable(comments: list[WxrComment]) -> int:
    """Reader comments among an item's comments (pingbacks and trackbacks are not imported)."""
    return sum(1 for c in comments if c.comment_type in ("", "comment"))


@contextmanager
def original_dates() -> Iterator[None]:
    """Lets ``bulk_create`` keep the comments' own dates.

    ``Comment.created_at`` is ``auto_now_add``, which stamps "now" on every insert; an import
    must keep when a comment was written. Switched off only around the import's own inserts
    (commands run single-threaded), and always restored.
    """
    created_at = Comment._meta.get_field("created_at")
    before = created_at.auto_now_add
    created_at.auto_now_add = False
    try:
        yield
    finally:
        created_at.auto_now_add = before


class CommentImport:
    def __init__(self, run: WordPressImport):
        self.run = run
        self.report = run.report
        self.mapping = run.mapping

    def fields(self, item: WxrItem, comment: WxrComment) -> dict:
        body = comment_text(comment.content)
        if len(body) > MAX_COMMENT_LENGTH:
            self.report.warn(item.label, f"Kommentar {comment.comment_id} gekürzt.")
            body = body[: MAX_COMMENT_LENGTH - 1] + "…"
        created = parse_date(comment.date_gmt) or self.run.local_time(comment.date)
        if created is None:
            self.report.warn(item.label, f"Kommentar {comment.comment_id} ohne gültiges Datum.")
            created = timezone.now()
        return {
            "author_name": (" ".join(comment.author.split()) or "Gast")[:80],
            "author_email": comment.author_email[:254],
            "body": body or "…",
            "status": comment_status(comment.approved),
            "created_at": created,
        }

    def threads(self, item: WxrItem) -> list[tuple[WxrComment, str | None]]:
        """Comments to import, each with the id of the thread it answers (newsdesk threads
        one level deep: a reply to a reply joins the thread of the first comment)."""
        kept = {c.comment_id: c for c in item.comments if c.comment_type in ("", "comment")}
        skipped = len(item.comments) - len(kept)
        if skipped:
            self.report.add("Pingbacks und Trackbacks", SKIPPED, skipped)

        def root(comment: WxrComment) -> str | None:
            seen = set()
            parent = comment.parent_id
            while parent in kept and parent not in seen:
                seen.add(parent)
                if kept[parent].parent_id not in kept:
                    return parent
                parent = kept[parent].parent_id
            return None

        return [(c, root(c)) for c in kept.values()]

    def create(self, pairs: list[tuple[WxrItem, Article]]) -> None:
        roots: list[tuple[str, Comment]] = []
        replies: list[tuple[str, str, Comment]] = []
        for item, article in pairs:
            for comment, thread in self.threads(item):
                fields = self.fields(item, comment)
                row = Comment(article=article, **fields)
                if thread is None:
                    roots.append((comment.comment_id, row))
                else:
                    replies.append((comment.comment_id, thread, row))
        with original_dates():
            created = Comment.objects.bulk_create([row for _id, row in roots])
            by_id = {cid: row for (cid, _r), row in zip(roots, created, strict=True)}
            for _cid, thread, row in replies:
                row.parent = by_id.get(thread)
            created_replies = Comment.objects.bulk_create([row for _c, _t, row in replies])
        everything = [(cid, row) for cid, row in by_id.items()] + [
            (cid, row) for (cid, _t, _r), row in zip(replies, created_replies, strict=True)
        ]
        ImportedObject.objects.bulk_create(
            [self.mapping.row(Kind.COMMENT, cid, row, "") for cid, row in everything]
        )
        self.report.add("Kommentare", NEW, len(everything))

    def update(self, item: WxrItem, article: Article) -> None:
        threads = self.threads(item)
        found = self.mapping.find(Kind.COMMENT, [c.comment_id for c, _t in threads])
        fresh = []
        for comment, thread in threads:
            fields = self.fields(item, comment)
            row = found.get(comment.comment_id)
            existing = Comment.objects.filter(pk=row.object_id).first() if row else None
            if existing is None:
                fresh.append((comment, thread))
                continue
            created = fields.pop("created_at")
            changed = any(getattr(existing, k) != v for k, v in fields.items())
            if changed:
                for name, value in fields.items():
                    setattr(existing, name, value)
                existing.save()
                self.report.add("Kommentare", UPDATED)
            else:
                self.report.add("Kommentare", UNCHANGED)
            if existing.created_at != created:
                Comment.objects.filter(pk=existing.pk).update(created_at=created)
        if fresh:
            # Replies to comments imported earlier hang under those.
            known = {cid: r.object_id for cid, r in found.items()}
            for comment, thread in fresh:
                fields = self.fields(item, comment)
                created = fields.pop("created_at")
                parent_id = known.get(thread) if thread else None
                with original_dates():
                    row = Comment.objects.create(
                        article=article, parent_id=parent_id, created_at=created, **fields
                    )
                self.mapping.save(Kind.COMMENT, comment.comment_id, row, "")
                known[comment.comment_id] = row.pk
                self.report.add("Kommentare", NEW)
