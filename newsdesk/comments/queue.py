"""The moderation queues in the newsroom: one screen per queue, worked with the keyboard.

Each comment is shown with its article, the comment it answers and the reasons it was held or
reported. One form holds the whole page, so a button per comment and the bulk buttons work
without JavaScript; ``moderation.js`` adds the keyboard shortcuts on top.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsdesk.articles.models import Article

from . import gdpr
from .forms import strip_control_characters
from .models import MAX_COMMENT_LENGTH, Comment, CommentReport
from .services import moderate_comments, set_pick, staff_comment

PER_PAGE = 25

QUEUES = {
    "pending": gettext_lazy("Wartend"),
    "reported": gettext_lazy("Gemeldet"),
    "approved": gettext_lazy("Freigegeben"),
    "rejected": gettext_lazy("Abgelehnt und Spam"),
}

ACTIONS = {
    "approve": Comment.Status.APPROVED,
    "reject": Comment.Status.REMOVED,
    "spam": Comment.Status.SPAM,
}


def queue_queryset(queue: str):
    comments = Comment.objects.select_related("article", "parent", "staff_author")
    if queue == "pending":
        # Oldest first: the reader who has waited longest comes first.
        return comments.pending().order_by("created_at", "id")
    if queue == "reported":
        return comments.reported().order_by("created_at", "id")
    if queue == "approved":
        return comments.approved().order_by("-created_at", "-id")
    return comments.rejected().order_by("-moderated_at", "-id")


def queue_counts() -> dict[str, int]:
    return {
        "pending": Comment.objects.pending().count(),
        "reported": Comment.objects.reported().count(),
    }


def _selected(request: HttpRequest) -> tuple[str, list[int]]:
    """The action and the comments it applies to: one comment's button, or the bulk buttons."""
    single = request.POST.get("single", "")
    if ":" in single:
        action, _sep, pk = single.partition(":")
        return action, [int(pk)] if pk.isdigit() else []
    ids = [int(pk) for pk in request.POST.getlist("selected") if pk.isdigit()]
    return request.POST.get("bulk", ""), ids


def queue_view(model_admin, request: HttpRequest, queue: str) -> HttpResponse:
    if queue not in QUEUES:
        return redirect("admin:comments_comment_queue", queue_name="pending")
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    if request.method == "POST":
        action, ids = _selected(request)
        comments = list(Comment.objects.filter(pk__in=ids))
        if action in ACTIONS and comments:
            count = moderate_comments(comments, ACTIONS[action], request.user)
            messages.success(request, _done_message(action, count))
        elif action in ("pick", "unpick") and comments:
            count = set_pick(comments, action == "pick", request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d Redaktionsempfehlung geändert.",
                    "%(count)d Redaktionsempfehlungen geändert.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.warning(request, _("Bitte wählen Sie Kommentare und eine Aktion."))
        # Back to the same queue (Post/Redirect/Get): the next comment is now the first.
        return redirect(request.get_full_path())
    comments = list(
        queue_queryset(queue).prefetch_related(
            Prefetch("reports", queryset=CommentReport.objects.order_by("created_at"))
        )[:PER_PAGE]
    )
    total = queue_queryset(queue).count()
    for comment in comments:
        comment.report_summary = _report_summary(comment)
    # The rest of each thread, so a moderator sees what a comment answers and what answers it.
    thread_ids = {c.parent_id or c.pk for c in comments}
    siblings = (
        Comment.objects.filter(parent_id__in=thread_ids)
        .exclude(pk__in=[c.pk for c in comments])
        .order_by("created_at")
    )
    around: dict[int, list[Comment]] = {}
    for sibling in siblings:
        around.setdefault(sibling.parent_id, []).append(sibling)
    for comment in comments:
        comment.thread_others = around.get(comment.parent_id or comment.pk, [])
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Comment._meta,
        "title": _("Kommentare: %(queue)s") % {"queue": QUEUES[queue]},
        "queue": queue,
        "queues": QUEUES,
        "counts": queue_counts(),
        "comments": comments,
        "total": total,
        "per_page": PER_PAGE,
    }
    return TemplateResponse(request, "comments/admin/queue.html", context)


def _done_message(action: str, count: int) -> str:
    texts = {
        "approve": ngettext(
            "%(count)d Kommentar freigegeben.", "%(count)d Kommentare freigegeben.", count
        ),
        "reject": ngettext(
            "%(count)d Kommentar abgelehnt.", "%(count)d Kommentare abgelehnt.", count
        ),
        "spam": ngettext(
            "%(count)d Kommentar als Spam markiert.",
            "%(count)d Kommentare als Spam markiert.",
            count,
        ),
    }
    return texts[action] % {"count": count}


def _report_summary(comment: Comment) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    labels = dict(CommentReport.Reason.choices)
    for report in comment.reports.all():
        label = str(labels.get(report.reason, report.reason))
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Antwort der Redaktion"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_body(self) -> str:
        body = strip_control_characters(self.cleaned_data["body"]).strip()
        if not body:
            raise forms.ValidationError(_("Die Antwort ist leer."))
        return body


def staff_comment_view(
    model_admin, request: HttpRequest, article_id: int | None = None, comment_id: int | None = None
) -> HttpResponse:
    """A comment of the newsroom on an article, or its answer to a reader's comment."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    parent = None
    if comment_id is not None:
        parent = get_object_or_404(
            Comment.objects.approved().select_related("article"), pk=comment_id
        )
        article = parent.article
    else:
        article = get_object_or_404(Article.objects.published(), pk=article_id)
    form = StaffReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = staff_comment(article, request.user, form.cleaned_data["body"], parent)
        messages.success(request, _("Ihre Antwort ist veröffentlicht."))
        return redirect(f"{article.get_absolute_url()}#kommentar-{comment.pk}")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Comment._meta,
        "title": _("Als Redaktion antworten") if parent else _("Als Redaktion kommentieren"),
        "parent": parent,
        "article": article,
        "form": form,
    }
    return TemplateResponse(request, "comments/admin/staff_reply.html", context)


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-Mail-Adresse"), max_length=254)
    confirm = forms.BooleanField(
        label=gettext_lazy("Ja, alle Daten dieser Adresse endgültig löschen"), required=False
    )


def personal_data_view(model_admin, request: HttpRequest) -> HttpResponse:
    """GDPR: show, export and erase everything stored for one e-mail address."""
    if not (
        model_admin.has_moderate_permission(request) and model_admin.has_delete_permission(request)
    ):
        raise PermissionDenied
    form = PersonalDataForm(request.POST or request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if request.method == "POST" and "export" in request.POST:
            data = json.dumps(gdpr.export_email(email), ensure_ascii=False, indent=2)
            response = HttpResponse(data, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="kommentare-daten.json"'
            return response
        if request.method == "POST" and "erase" in request.POST:
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Bitte bestätigen Sie die Löschung ausdrücklich."))
            else:
                result = gdpr.erase_email(email)
                messages.success(
                    request,
                    _("Gelöscht: %(removed)d Kommentare entfernt, %(anonymised)d anonymisiert.")
                    % {"removed": result.removed, "anonymised": result.anonymised},
                )
                return redirect(reverse("admin:comments_comment_personal_data"))
        found = gdpr.export_email(email)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Comment._meta,
        "title": _("Personenbezogene Daten (DSGVO)"),
        "form": form,
        "found": found,
    }
    return TemplateResponse(request, "comments/admin/personal_data.html", context)
