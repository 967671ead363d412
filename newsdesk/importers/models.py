"""What an import brought in: the link from a source's id to the newsdesk object it became.

The mapping makes imports idempotent (a second run finds every object it made before) and
resumable (a run killed mid-way committed whole batches with their mapping rows, so the next run
skips them and carries on).
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article


class ImportedObject(models.Model):
    class Kind(models.TextChoices):
        AUTHOR = "author", _("Autor")
        CATEGORY = "category", _("Kategorie")
        TAG = "tag", _("Schlagwort")
        ATTACHMENT = "attachment", _("Anhang")
        POST = "post", _("Beitrag")
        PAGE = "page", _("Seite")
        COMMENT = "comment", _("Kommentar")
        GALLERY = "gallery", _("Bilderstrecke")
        VIDEO = "video", _("Video")
        TEXT = "text", _("Textdatei")

    source = models.CharField(
        _("Quelle"), max_length=200, help_text=_("Adresse der WordPress-Seite oder „text“.")
    )
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    external_id = models.CharField(_("ID in der Quelle"), max_length=200)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # A hash of what was imported: an unchanged item is skipped, a changed one updated.
    checksum = models.CharField(_("Prüfsumme"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("importiert"), auto_now=True)

    class Meta:
        verbose_name = _("importiertes Objekt")
        verbose_name_plural = _("importierte Objekte")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "external_id"], name="unique_imported_object"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="imported_target")]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.external_id}"


class ArticleKeyword(models.Model):
    """A keyword from an imported tag, when tags were imported as keywords, not as topics."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="keywords")
    name = models.CharField(_("Schlagwort"), max_length=100)

    class Meta:
        verbose_name = _("Schlagwort")
        verbose_name_plural = _("Schlagwörter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "name"], name="unique_article_keyword"),
        ]

    def __str__(self) -> str:
        return self.name
