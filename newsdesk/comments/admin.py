"""Comment moderation in the newsroom: filter the queue, approve or remove in bulk."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.newsroom.options import NewsroomModelAdmin

from .models import Comment
from .services import moderate_comments


@admin.register(Comment)
class CommentAdmin(NewsroomModelAdmin):
    list_display = ["excerpt", "author_name", "article", "status", "created_at"]
    ordering = ["-created_at"]  # the newest waiting comment is the one readers wait for
    list_filter = ["status", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["body", "author_name", "author_email"]
    date_hierarchy = "created_at"
    actions = ["approve", "remove"]
    fields = [
        "article",
        "parent",
        "author_name",
        "author_email",
        "text",
        "status",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    readonly_fields = [
        "article",
        "parent",
        "author_name",
        "author_email",
        "text",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]

    @admin.display(description=_("Kommentar"))
    def excerpt(self, comment: Comment) -> str:
        # Returned as plain text: the admin escapes it like every other value.
        return truncatechars(comment.body, 120)

    @admin.display(description=_("Kommentar"))
    def text(self, comment: Comment) -> str:
        return linebreaksbr(comment.body, autoescape=True)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("comments.moderate_comment")

    def save_model(self, request: HttpRequest, obj: Comment, form, change: bool) -> None:
        if "status" in form.changed_data:
            moderate_comments([obj], obj.status, request.user)
        # Nothing else on a comment is editable here.

    @admin.action(description=_("Ausgewählte Kommentare freigeben"), permissions=["moderate"])
    def approve(self, request: HttpRequest, queryset) -> None:
        count = moderate_comments(list(queryset), Comment.Status.APPROVED, request.user)
        messages.success(
            request,
            ngettext("%(count)d Kommentar freigegeben.", "%(count)d Kommentare freigegeben.", count)
            % {"count": count},
        )

    @admin.action(description=_("Ausgewählte Kommentare entfernen"), permissions=["moderate"])
    def remove(self, request: HttpRequest, queryset) -> None:
        count = moderate_comments(list(queryset), Comment.Status.REMOVED, request.user)
        messages.success(
            request,
            ngettext("%(count)d Kommentar entfernt.", "%(count)d Kommentare entfernt.", count)
            % {"count": count},
        )
