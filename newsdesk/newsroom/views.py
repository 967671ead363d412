"""Newsroom pages beside the admin's own: the article preview and the revision history.

ArticleAdmin wires them into its URLs behind ``admin_site.admin_view`` (staff only) and hands
over only articles the editor may open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.articles import services
from newsdesk.articles.models import Article, ArticleRevision
from newsdesk.articles.views import article_context
from newsdesk.comments.forms import CommentForm
from newsdesk.desk.previews import link_expires, preview_blocks, preview_link

from .diffs import displayed_changes

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin


class PreviewForm(forms.ModelForm):
    """The fields a preview takes from the unsaved change form."""

    class Meta:
        model = Article
        fields = ["kind", "headline", "teaser", "body", "score", "verdict", "pros", "cons"]


def article_preview(request: HttpRequest, article: Article) -> HttpResponse:
    """The reader's article page for ``article``; on POST with the form's unsaved text.

    Nothing is saved: the posted values only change the in-memory copy that is rendered.
    """
    if request.method == "POST":
        form = PreviewForm(request.POST, instance=article)
        form.is_valid()  # copies every valid value onto the instance; invalid ones stay as saved
        article = form.instance
    response = preview_response(request, article)
    if article.pk:
        response.context_data["share_link"] = preview_link(article)
        response.context_data["share_link_expires"] = link_expires()
    return response


def preview_response(request: HttpRequest, article: Article) -> TemplateResponse:
    """The reader's page of ``article`` with every embed shown; never indexed, never cached."""
    context = article_context(article)
    context["blocks"] = preview_blocks(article, context["blocks"])
    context["comment_form"] = CommentForm(article=article)
    context["is_preview"] = True
    response = TemplateResponse(request, "newsroom/article_preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _context(request: HttpRequest, model_admin: ModelAdmin, article: Article, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": title,
        "change_url": reverse("admin:articles_article_change", args=[article.pk]),
        "revisions_url": reverse("admin:articles_article_revisions", args=[article.pk]),
    }


def _require_revision_access(request: HttpRequest) -> None:
    if not request.user.has_perm("articles.view_articlerevision"):
        raise PermissionDenied


def revision_list(request: HttpRequest, model_admin: ModelAdmin, article: Article) -> HttpResponse:
    _require_revision_access(request)
    services.ensure_revision(article)
    revisions = list(article.revisions.select_related("created_by"))
    context = _context(
        request, model_admin, article, _("Revisionen von „%(title)s“") % {"title": article}
    )
    context["revisions"] = revisions
    context["can_restore"] = model_admin.has_change_permission(request, article)
    return TemplateResponse(request, "newsroom/revision_list.html", context)


def revision_diff(request: HttpRequest, model_admin: ModelAdmin, article: Article) -> HttpResponse:
    """Changes from revision ``von`` to revision ``bis`` (both version numbers)."""
    _require_revision_access(request)
    try:
        numbers = sorted({int(request.GET["von"]), int(request.GET["bis"])})
    except (KeyError, ValueError):
        messages.warning(request, _("Bitte wählen Sie zwei Revisionen zum Vergleichen."))
        return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[article.pk]))
    older = get_object_or_404(article.revisions, version=numbers[0])
    newer = get_object_or_404(article.revisions, version=numbers[-1])
    changes = services.diff_snapshots(older.data, newer.data)
    context = _context(
        request,
        model_admin,
        article,
        _("Version %(older)s und %(newer)s im Vergleich")
        % {"older": older.version, "newer": newer.version},
    )
    context.update(older=older, newer=newer, changes=displayed_changes(changes))
    return TemplateResponse(request, "newsroom/revision_diff.html", context)


def revision_restore(
    request: HttpRequest, model_admin: ModelAdmin, article: Article, version: int
) -> HttpResponse:
    """Asks first (showing what would change), restores on POST."""
    _require_revision_access(request)
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    revision: ArticleRevision = get_object_or_404(article.revisions, version=version)
    if request.method == "POST":
        try:
            expected = int(request.POST.get("version", article.version))
            services.restore_revision(article, revision, request.user, expected_version=expected)
        except services.EditConflict:
            messages.error(
                request,
                _(
                    "Der Artikel wurde inzwischen gespeichert. Prüfen Sie die Änderungen und "
                    "stellen Sie dann erneut wieder her."
                ),
            )
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("Version %(version)s ist wiederhergestellt.") % {"version": revision.version},
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    current = services.snapshot(article)
    changes = [
        change
        for change in services.diff_snapshots(current, revision.data)
        if change.field in services.RESTORED_FIELDS
        or change.field in ("authors", "topics", "products", "related", "sources")
    ]
    context = _context(
        request,
        model_admin,
        article,
        _("Version %(version)s wiederherstellen") % {"version": revision.version},
    )
    context.update(revision=revision, changes=displayed_changes(changes))
    return TemplateResponse(request, "newsroom/revision_restore.html", context)
