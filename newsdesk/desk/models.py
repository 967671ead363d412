"""The newsroom's search text: every article, whatever its status, as analysed terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article


class ArticleSearchText(models.Model):
    """Headline, teaser and body of one article as the search app's terms.

    The public index (``newsdesk.search``) holds only what readers may find; the newsroom also
    searches drafts. Terms are ``[a-z0-9]+``, folded and stemmed (``search.analysis``), stored as
    " term term … " so a term or its beginning is a plain substring match. A row older than its
    article is renewed before the next search (``desk.search``).
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="desk_search_text",
        verbose_name=_("Artikel"),
    )
    terms = models.TextField(_("Suchbegriffe"), blank=True)
    analysed_at = models.DateTimeField(_("analysiert"))

    class Meta:
        verbose_name = _("Suchtext eines Artikels")
        verbose_name_plural = _("Suchtexte der Artikel")

    def __str__(self) -> str:
        return str(self.article_id)
