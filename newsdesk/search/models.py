"""The search index: one row per findable object, with analysed terms per weighted field."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """An object readers can find, as analysed terms (``analysis.index_terms``).

    The backends index these columns: SQLite in an FTS5 table whose rowid is this row's id,
    PostgreSQL in a generated ``tsvector`` column of this table with a GIN index. Both are
    created by migration 0001 for the database in use only.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Artikel")
        GALLERY = "gallery", _("Bilderstrecke")
        PRODUCT = "product", _("Produkt")
        TOPIC = "topic", _("Thema")
        LIVETICKER = "liveticker", _("Liveticker")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    # Field weights, highest first: title, extra (product and topic names), teaser, body.
    title_terms = models.TextField(blank=True)
    extra_terms = models.TextField(blank=True)
    teaser_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # Articles only: when readers may see it (a scheduled article waits in the index for its
    # time), its kind for the filter, and its products for the exact-product boost.
    published_at = models.DateTimeField(null=True, blank=True)
    article_kind = models.CharField(max_length=10, blank=True)
    product_ids = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry"),
        ]
        indexes = [models.Index(fields=["kind", "-published_at"], name="search_kind_newest")]

    def __str__(self) -> str:
        return f"{self.kind}-{self.object_id}"


class SearchWord(models.Model):
    """A word from headlines and names, as written: the vocabulary of "Meinten Sie …?"."""

    word = models.CharField(max_length=60, unique=True)

    def __str__(self) -> str:
        return self.word


class Synonym(models.Model):
    """Words a reader may use for one another ("Handy, Smartphone")."""

    words = models.CharField(
        _("Wörter"),
        max_length=300,
        unique=True,
        help_text=_(
            "Gleichbedeutende Wörter, durch Kommas getrennt, z. B. „Handy, Smartphone“. "
            "Eine Suche nach einem davon findet alle."
        ),
    )

    class Meta:
        verbose_name = _("Synonym")
        verbose_name_plural = _("Synonyme")
        ordering = ["words"]

    def __str__(self) -> str:
        return self.words

    def word_list(self) -> list[str]:
        return [w.strip() for w in self.words.split(",") if w.strip()]
