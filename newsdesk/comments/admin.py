"""Comment moderation in the newsroom: queues, rules, word lists and GDPR requests."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.articles.models import Article
from newsdesk.newsroom.options import NewsroomModelAdmin

from . import queue
from .models import (
    ArticlePolicy,
    Comment,
    EmailDomainRule,
    ModerationSettings,
    WordRule,
)
from .rules import COMMON_PROVIDERS
from .services import moderate_comments, set_pick
from .words import normalise_entry


@admin.register(Comment)
class CommentAdmin(NewsroomModelAdmin):
    change_list_template = "comments/admin/change_list.html"
    list_display = [
        "excerpt",
        "author_name",
        "article",
        "status",
        "reasons",
        "open_reports",
        "is_pick",
        "created_at",
    ]
    ordering = ["-created_at"]  # the newest waiting comment is the one readers wait for
    list_filter = ["status", "is_pick", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["body", "author_name", "author_email"]
    date_hierarchy = "created_at"
    actions = ["approve", "remove", "spam", "pick"]
    fields = [
        "article",
        "parent",
        "author_name",
        "author_email",
        "text",
        "reasons",
        "open_reports",
        "status",
        "is_pick",
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
        "reasons",
        "open_reports",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "warteschlange/<str:queue_name>/",
                wrap(lambda request, queue_name: queue.queue_view(self, request, queue_name)),
                name="comments_comment_queue",
            ),
            path(
                "antworten/<int:comment_id>/",
                wrap(
                    lambda request, comment_id: queue.staff_comment_view(
                        self, request, comment_id=comment_id
                    )
                ),
                name="comments_comment_staff_reply",
            ),
            path(
                "kommentieren/<int:article_id>/",
                wrap(
                    lambda request, article_id: queue.staff_comment_view(
                        self, request, article_id=article_id
                    )
                ),
                name="comments_comment_staff_comment",
            ),
            path(
                "personenbezogene-daten/",
                wrap(lambda request: queue.personal_data_view(self, request)),
                name="comments_comment_personal_data",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("Kommentar"))
    def excerpt(self, comment: Comment) -> str:
        # Returned as plain text: the admin escapes it like every other value.
        return truncatechars(comment.body, 120)

    @admin.display(description=_("Kommentar"))
    def text(self, comment: Comment) -> str:
        return linebreaksbr(comment.body, autoescape=True)

    @admin.display(description=_("Grund"))
    def reasons(self, comment: Comment) -> str:
        return ", ".join(comment.reason_labels) or "–"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("comments.moderate_comment")

    def save_model(self, request: HttpRequest, obj: Comment, form, change: bool) -> None:
        if "status" in form.changed_data:
            moderate_comments([obj], obj.status, request.user)
        if "is_pick" in form.changed_data:
            set_pick([obj], obj.is_pick, request.user)
        # Nothing else on a comment is editable here.

    def _done(self, request: HttpRequest, singular: str, plural: str, count: int) -> None:
        messages.success(request, ngettext(singular, plural, count) % {"count": count})

    @admin.action(description=_("Ausgewählte Kommentare freigeben"), permissions=["moderate"])
    def approve(self, request: HttpRequest, queryset) -> None:
        count = moderate_comments(list(queryset), Comment.Status.APPROVED, request.user)
        self._done(
            request, "%(count)d Kommentar freigegeben.", "%(count)d Kommentare freigegeben.", count
        )

    @admin.action(description=_("Ausgewählte Kommentare entfernen"), permissions=["moderate"])
    def remove(self, request: HttpRequest, queryset) -> None:
        count = moderate_comments(list(queryset), Comment.Status.REMOVED, request.user)
        self._done(
            request, "%(count)d Kommentar entfernt.", "%(count)d Kommentare entfernt.", count
        )

    @admin.action(
        description=_("Ausgewählte Kommentare als Spam markieren"), permissions=["moderate"]
    )
    def spam(self, request: HttpRequest, queryset) -> None:
        count = moderate_comments(list(queryset), Comment.Status.SPAM, request.user)
        self._done(
            request,
            "%(count)d Kommentar als Spam markiert.",
            "%(count)d Kommentare als Spam markiert.",
            count,
        )

    @admin.action(description=_("Als Redaktionsempfehlung markieren"), permissions=["moderate"])
    def pick(self, request: HttpRequest, queryset) -> None:
        count = set_pick(list(queryset), True, request.user)
        self._done(
            request,
            "%(count)d Redaktionsempfehlung gesetzt.",
            "%(count)d Redaktionsempfehlungen gesetzt.",
            count,
        )


class ModerationPermissions:
    """The rule lists belong to whoever moderates comments (the Moderation and Redaktion roles)."""

    def _may(self, request: HttpRequest) -> bool:
        return request.user.has_perm("comments.moderate_comment")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request)


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(ModerationPermissions, NewsroomModelAdmin):
    """One row: the list page goes straight to it."""

    fieldsets = [
        (_("Moderation"), {"fields": ["mode", "newcomer_threshold"]}),
        (
            _("Rückfall in die Vorab-Prüfung"),
            {"fields": ["rejection_rate", "rejection_window_days", "rejection_min_comments"]},
        ),
        (_("Regeln"), {"fields": ["max_links", "repeat_minutes"]}),
        (_("Schließen und Löschen"), {"fields": ["close_after_days", "erasure"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        settings_row = ModerationSettings.load()
        return HttpResponseRedirect(
            reverse("admin:comments_moderationsettings_change", args=[settings_row.pk])
        )


class WordRuleForm(forms.ModelForm):
    class Meta:
        model = WordRule
        fields = ["word", "kind"]

    def clean_word(self) -> str:
        word = " ".join(self.cleaned_data["word"].split())
        if not normalise_entry(word):
            raise forms.ValidationError(_("Bitte geben Sie ein Wort mit Buchstaben ein."))
        return word


@admin.register(WordRule)
class WordRuleAdmin(ModerationPermissions, NewsroomModelAdmin):
    form = WordRuleForm
    list_display = ["word", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["word"]


class EmailDomainRuleForm(forms.ModelForm):
    confirm_common = forms.BooleanField(
        label=_("Ja, ich will wirklich alle Leser dieses großen Anbieters treffen"),
        required=False,
    )

    class Meta:
        model = EmailDomainRule
        fields = ["domain", "action"]

    def clean_domain(self) -> str:
        domain = self.cleaned_data["domain"].strip().lower().lstrip("@").rstrip(".")
        labels = domain.split(".")
        if len(labels) < 2 or not all(
            label and label.replace("-", "").isalnum() for label in labels
        ):
            raise forms.ValidationError(_("Bitte eine Domain wie spam.example eingeben."))
        return domain

    def clean(self):
        cleaned = super().clean()
        domain = cleaned.get("domain")
        if domain in COMMON_PROVIDERS and not cleaned.get("confirm_common"):
            self.add_error(
                "confirm_common",
                _(
                    "%(domain)s ist ein großer E-Mail-Anbieter; eine Regel träfe sehr viele "
                    "ehrliche Leser. Bestätigen Sie das bitte ausdrücklich."
                )
                % {"domain": domain},
            )
        return cleaned


@admin.register(EmailDomainRule)
class EmailDomainRuleAdmin(ModerationPermissions, NewsroomModelAdmin):
    form = EmailDomainRuleForm
    list_display = ["domain", "action", "created_at"]
    list_filter = ["action"]
    search_fields = ["domain"]


ARTICLE_PICKER_PAGE = 20


class PublishedArticleSelect(AutocompleteSelect):
    """The newsroom's article picker, searching through the comment rules' own view.

    Django's article search answers with the articles the user may open in the newsroom, and
    the Moderation role opens none; yet a moderator must pick any published article.
    """

    def get_url(self) -> str:
        return reverse("admin:comments_articlepolicy_articles")


@admin.register(ArticlePolicy)
class ArticlePolicyAdmin(ModerationPermissions, NewsroomModelAdmin):
    list_display = ["article", "mode", "closed", "keep_open"]
    list_select_related = ["article"]
    search_fields = ["article__headline"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["widget"] = PublishedArticleSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        return [
            path(
                "artikel-suche/",
                self.admin_site.admin_view(self.article_search_view),
                name="comments_articlepolicy_articles",
            ),
            *super().get_urls(),
        ]

    def article_search_view(self, request: HttpRequest) -> JsonResponse:
        """Published articles by headline words or ID, newest first, in select2's format."""
        if not self._may(request):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:200]
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        articles = Article.objects.published().order_by("-published_at", "-pk")
        for word in term.split():
            match = Q(headline__icontains=word)
            if word.isdigit():
                match |= Q(pk=int(word))
            articles = articles.filter(match)
        start = (page - 1) * ARTICLE_PICKER_PAGE
        rows = list(articles.values_list("pk", "headline")[start : start + ARTICLE_PICKER_PAGE + 1])
        return JsonResponse(
            {
                "results": [
                    {"id": str(pk), "text": headline} for pk, headline in rows[:ARTICLE_PICKER_PAGE]
                ],
                "pagination": {"more": len(rows) > ARTICLE_PICKER_PAGE},
            }
        )
