"""Standing pages (Impressum, Datenschutz); the Redaktion edits them."""

from django.contrib import admin, messages

from newsdesk.newsroom.options import NewsroomModelAdmin

from .compliance import IMPRESSUM_SLUG, impressum_problems
from .models import Page


@admin.register(Page)
class PageAdmin(NewsroomModelAdmin):
    list_display = ["title", "slug", "in_footer", "footer_position", "modified_at"]
    list_editable = ["in_footer", "footer_position"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}

    def save_model(self, request, obj: Page, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if obj.slug == IMPRESSUM_SLUG:
            for problem in impressum_problems(obj.body):
                messages.warning(request, problem)
