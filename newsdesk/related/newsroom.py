"""The related box in the newsroom's article form: suggestions with reasons, and exclusions.

Pinning is the existing "Auch interessant" inline (``articles.RelatedArticle``).
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article
from newsdesk.newsroom.options import PartOfParentInline

from .models import Exclusion, Suggestion


class ExclusionInline(PartOfParentInline, admin.TabularInline):
    model = Exclusion
    fk_name = "article"
    autocomplete_fields = ["excluded"]
    fields = ["excluded"]
    extra = 0


def suggestions_table(article: Article) -> str:
    """The computed suggestions as a table: article, score, reasons, pinned or excluded."""
    if not article.pk:
        return _("Vorschläge gibt es, sobald der Artikel veröffentlicht ist.")
    suggestions = list(
        Suggestion.objects.filter(article=article).select_related("candidate").order_by("position")
    )
    if not suggestions:
        return _("Keine Vorschläge (nur veröffentlichte Artikel bekommen welche).")
    pinned = set(article.related_links.values_list("to_article_id", flat=True))
    excluded = set(article.related_exclusions.values_list("excluded_id", flat=True))

    def state(pk: int) -> str:
        if pk in pinned:
            return _("angeheftet")
        if pk in excluded:
            return _("ausgeschlossen")
        return ""

    rows = format_html_join(
        "",
        '<tr><td><a href="{}">{}</a> <small>(ID {})</small></td><td>{}</td><td>{}</td>'
        "<td>{}</td></tr>",
        (
            (
                reverse("admin:articles_article_change", args=[s.candidate_id]),
                s.candidate.headline,
                s.candidate_id,
                f"{s.score:.2f}",
                s.reasons,
                state(s.candidate_id),
            )
            for s in suggestions
        ),
    )
    return format_html(
        '<table class="related-suggestions"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
        '<th>{}</th></tr></thead><tbody>{}</tbody></table><p class="help">{}</p>',
        _("Artikel"),
        _("Punkte"),
        _("Begründung"),
        _("Status"),
        rows,
        _(
            "Anheften: unter „Auch interessant“ eintragen (erscheint zuerst). "
            "Ausschließen: unter „Ausgeschlossene Vorschläge“ eintragen."
        ),
    )
