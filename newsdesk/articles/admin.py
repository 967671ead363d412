"""Articles in the newsroom: list, editing with workflow buttons, preview and revisions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.desk import search as desk_search
from newsdesk.newsroom import collaboration, workingcopy
from newsdesk.newsroom import views as newsroom_views
from newsdesk.newsroom.options import NewsroomModelAdmin, PartOfParentInline
from newsdesk.newsroom.permissions import (
    articles_for,
    linkable_articles_for,
    may_change_article,
    may_view_article,
    sees_all_articles,
)
from newsdesk.publishing import changes
from newsdesk.related.newsroom import ExclusionInline, suggestions_table
from newsdesk.seo.links import affiliate_warnings

from . import editor, services
from .embeds import embed_problems
from .forms import WORKFLOW_ACTIONS, ArticleAdminForm, workflow_action
from .models import Article, ArticleAuthor, ArticleSource, Author, RelatedArticle, Topic

WORKFLOW_LABELS = {
    "_submit_review": gettext_lazy("Zur Prüfung einreichen"),
    "_publish": gettext_lazy("Jetzt veröffentlichen"),
    "_schedule": gettext_lazy("Zum angegebenen Zeitpunkt planen"),
    "_unpublish": gettext_lazy("Zurückziehen (Entwurf)"),
}


class AuthorsFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if not services.is_public(self.instance.status):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(_("Mindestens ein Autor muss eingetragen sein."))


class ArticleAuthorInline(PartOfParentInline, admin.TabularInline):
    model = ArticleAuthor
    formset = AuthorsFormSet
    autocomplete_fields = ["author"]
    extra = 1


class ArticleSourceInline(PartOfParentInline, admin.TabularInline):
    model = ArticleSource
    extra = 0


class RelatedArticleInline(PartOfParentInline, admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(NewsroomModelAdmin):
    form = ArticleAdminForm
    change_form_template = "newsroom/article_change_form.html"
    list_display = ["headline", "kind", "status", "published_at", "byline", "modified_at"]
    list_filter = ["status", "kind", "authors", "topics"]
    search_fields = ["headline", "slug", "teaser", "authors__name"]
    search_help_text = gettext_lazy(
        "Sucht in Überschrift, Vorspann, Text, Kurzname und Autoren (ä = ae, Groß- und "
        "Kleinschreibung egal); eine Zahl findet den Artikel mit dieser ID."
    )
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_image", "topics", "products", "og_image"]
    readonly_fields = ["lead_image_preview", "created_by", "version_info", "related_suggestions"]
    inlines = [ArticleAuthorInline, ArticleSourceInline, RelatedArticleInline, ExclusionInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["kind", "headline", "slug", "teaser", "body", "version"]}),
        (
            gettext_lazy("Bilder und Einbettungen"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_preview",
                    "products",
                ],
            },
        ),
        (
            gettext_lazy("Veröffentlichung"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "updated_note_at",
                    "correction_note",
                    "comments_open",
                    "topics",
                    "created_by",
                    "version_info",
                ],
            },
        ),
        (
            gettext_lazy("Anzeige"),
            {"fields": ["is_sponsored", "sponsor_name"]},
        ),
        (
            gettext_lazy("Vorschau in sozialen Netzwerken"),
            {"classes": ["collapse"], "fields": ["og_title", "og_description", "og_image"]},
        ),
        (
            gettext_lazy("Fazit (nur bei Tests)"),
            {
                "classes": ["collapse"],
                "fields": ["score", "verdict", "pros", "cons"],
            },
        ),
        (gettext_lazy("Auch interessant: Vorschläge"), {"fields": ["related_suggestions"]}),
    ]

    # List

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "articleauthor_set",
                    queryset=ArticleAuthor.objects.select_related("author"),
                    to_attr="ordered_authorships",
                )
            )
        )
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            # Pickers of other articles ("Auch interessant"): every published article.
            return linkable_articles_for(request.user, queryset)
        return articles_for(request.user, queryset)

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results |= desk_search.matching(queryset, search_term)
        if search_term.strip().isdigit():
            results |= queryset.filter(pk=int(search_term.strip()))
        return results, may_have_duplicates

    @admin.display(description=gettext_lazy("Autoren"))
    def byline(self, article: Article) -> str:
        return ", ".join(author.name for author in article.ordered_authors())

    @admin.display(description=gettext_lazy("Vorschau des Aufmacherbilds"))
    def lead_image_preview(self, article: Article) -> str:
        if not article.lead_image_id:
            return "–"
        image = article.lead_image
        return format_html(
            '<img src="{}" alt="{}" style="max-width:320px;height:auto"><br>{}',
            image.thumbnail_url,
            image.alt_text,
            image.credit or _("Bildnachweis fehlt!"),
        )

    @admin.display(description=gettext_lazy("Vorschläge mit Begründung"))
    def related_suggestions(self, article: Article) -> str:
        return suggestions_table(article)

    @admin.display(description=gettext_lazy("Version"))
    def version_info(self, article: Article) -> str:
        return str(article.version) if article.pk else "–"

    # Permissions: an Autor sees all her own articles and changes her drafts and articles in
    # review (newsdesk.newsroom.permissions).

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_change_article(request.user, obj)

    def has_view_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or may_view_article(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or sees_all_articles(request.user)

    # Editing

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = editor.BodyEditorWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(
        self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs
    ):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        return {"status": Article.Status.DRAFT, **super().get_changeform_initial_data(request)}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, object_id) if object_id else None
        if article is not None and request.method == "GET":
            services.ensure_revision(article)
        extra_context = {
            **(extra_context or {}),
            "workflow_buttons": self._workflow_buttons(request, article),
            **collaboration.form_context(request, article),
        }
        if article is not None:
            extra_context["preview_url"] = reverse(
                "admin:articles_article_preview", args=[article.pk]
            )
        # The save writes the article, then its topics and products: index it once, at the end.
        with changes.search_at_commit():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _workflow_buttons(
        self, request: HttpRequest, article: Article | None
    ) -> list[tuple[str, str]]:
        status = article.status if article else Article.Status.DRAFT
        names = ["_submit_review"] if status == Article.Status.DRAFT else []
        if services.can_publish(request.user):
            if status != Article.Status.PUBLISHED:
                names += ["_publish", "_schedule"]
            if services.is_public(status):
                names.append("_unpublish")
        return [(name, WORKFLOW_LABELS[name]) for name in names]

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        action = self._action_name(request, change)
        services.save_article(
            obj, request.user, action, expected_version=form.cleaned_data.get("version") or None
        )

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        article = form.instance
        profile = getattr(request.user, "author_profile", None)
        if not change and profile and not article.articleauthor_set.exists():
            ArticleAuthor.objects.create(article=article, author=profile, position=0)
        services.after_related_saved(article, request.user, self._action_name(request, change))
        workingcopy.discard(request.user, article, new=not change)
        collaboration.report_merge(request, form)
        if not services.is_public(article.status):
            for problem in embed_problems(article.body):
                messages.warning(request, problem)
        for warning in affiliate_warnings(article.body):
            messages.warning(request, warning)

    def _action_name(self, request: HttpRequest, change: bool) -> str:
        action = workflow_action(request.POST)
        if action:
            return str(services.STATUS_ACTIONS[WORKFLOW_ACTIONS[action]])
        return _("gespeichert") if change else _("angelegt")

    def response_add(self, request, obj, post_url_continue=None):
        if workflow_action(request.POST):
            return self._stay(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if workflow_action(request.POST):
            return self._stay(request, obj)
        return super().response_change(request, obj)

    def _stay(self, request: HttpRequest, obj: Article) -> HttpResponse:
        messages.success(
            request,
            _("„%(title)s“: %(action)s.")
            % {"title": obj.headline, "action": self._action_name(request, True)},
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    # Preview and revisions

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("einbettungen/", wrap(editor.embed_search), name="articles_article_embeds"),
            path(
                "<int:object_id>/vorschau/",
                wrap(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<int:object_id>/revisionen/",
                wrap(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:object_id>/revisionen/vergleich/",
                wrap(self.revision_diff_view),
                name="articles_article_revision_diff",
            ),
            path(
                "<int:object_id>/revisionen/<int:version>/wiederherstellen/",
                wrap(self.revision_restore_view),
                name="articles_article_revision_restore",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request: HttpRequest, object_id: int) -> Article:
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        return article

    def preview_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return newsroom_views.article_preview(request, self._article_or_404(request, object_id))

    def revisions_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        article = self._article_or_404(request, object_id)
        return newsroom_views.revision_list(request, self, article)

    def revision_diff_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        article = self._article_or_404(request, object_id)
        return newsroom_views.revision_diff(request, self, article)

    def revision_restore_view(
        self, request: HttpRequest, object_id: int, version: int
    ) -> HttpResponse:
        article = self._article_or_404(request, object_id)
        return newsroom_views.revision_restore(request, self, article, version)


@admin.register(Author)
class AuthorAdmin(NewsroomModelAdmin):
    list_display = ["name", "job_title", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    raw_id_fields = ["user"]


@admin.register(Topic)
class TopicAdmin(NewsroomModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
