"""The newsroom's screens for correction proposals, wired into ArticleAdmin's URLs and form.

- the Autor's article form says that her changes become a proposal, and what became of the
  last one (with the Redaktion's reason when it was turned down);
- the Redaktion's review page shows the proposal as a diff against the live article and
  publishes or rejects it;
- an article an Autor may not open says why, instead of Django's "does not exist".
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.newsroom.diffs import displayed_changes
from newsdesk.newsroom.permissions import sees_all_articles

from . import corrections, notices
from .models import CorrectionProposal

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin


def form_context(request: HttpRequest, article: Article | None, proposing: bool) -> dict:
    """What the article form shows about corrections: the Autor's proposal state, or the
    proposals waiting for this article (Redaktion)."""
    if article is None:
        return {}
    # Callables, which the template calls only when it renders: a successful save redirects
    # without asking.
    if proposing:
        return {
            "correction_proposing": True,
            "correction_latest": partial(corrections.latest_proposal, article, request.user),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
    if services.can_publish(request.user):
        waiting = article.correction_proposals.filter(
            status=CorrectionProposal.Status.OPEN
        ).select_related("proposed_by")
        return {"correction_waiting": partial(list, waiting)}
    return {}


def refused_article(
    request: HttpRequest, model_admin: ModelAdmin, object_id: str
) -> HttpResponse | None:
    """An article that exists but is not this user's to open: say so, with a 403.

    Django's admin would send her to the start page with "does not exist", which reads as if
    her article was deleted (review D7).
    """
    if not str(object_id).isdigit():
        return None
    article = Article.objects.filter(pk=int(object_id)).first()
    if article is None or sees_all_articles(request.user):
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Diesen Artikel können Sie nicht öffnen"),
        "opts": Article._meta,
        "article": article,
    }
    response = TemplateResponse(request, "desk/article_refused.html", context, status=403)
    return response


def _require_access(request: HttpRequest, proposal: CorrectionProposal) -> None:
    if services.can_publish(request.user) or proposal.proposed_by_id == request.user.pk:
        return
    raise PermissionDenied


def review(
    request: HttpRequest, model_admin: ModelAdmin, article: Article, proposal_id: int
) -> HttpResponse:
    """The proposal as a diff against the live article; publish or reject it (POST)."""
    proposal = get_object_or_404(
        CorrectionProposal.objects.select_related("proposed_by", "reviewed_by"),
        pk=proposal_id,
        article=article,
    )
    _require_access(request, proposal)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    error = ""
    if request.method == "POST":
        if not services.can_publish(request.user):
            raise PermissionDenied
        try:
            if "_publish" in request.POST:
                article = corrections.publish(proposal, request.user)
                messages.success(
                    request,
                    _("Die Korrektur ist veröffentlicht (Version %(version)s).")
                    % {"version": article.version},
                )
                return HttpResponseRedirect(change_url)
            if "_reject" in request.POST:
                corrections.reject(proposal, request.user, request.POST.get("reason", ""))
                messages.success(
                    request,
                    _("Die Korrektur ist abgelehnt; die Autorin sieht Ihre Begründung."),
                )
                return HttpResponseRedirect(reverse("admin:index"))
            raise Http404
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
            proposal.refresh_from_db()
            article.refresh_from_db()
    elif request.method == "GET":
        notices.seen_page(request.user, request.path)
    values, overlaps = corrections.proposed_values(proposal, article)
    changes = corrections.proposal_changes(article, values)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": _("Korrekturvorschlag für „%(headline)s“") % {"headline": article.headline},
        "change_url": change_url,
        "proposal": proposal,
        "changes": displayed_changes(changes),
        "overlaps": overlaps,
        "moved_on": article.version != proposal.base_version,
        "may_decide": services.can_publish(request.user)
        and proposal.status == CorrectionProposal.Status.OPEN,
        "error": error,
        "reason": request.POST.get("reason", "") if request.method == "POST" else "",
    }
    return TemplateResponse(request, "desk/correction_review.html", context)
