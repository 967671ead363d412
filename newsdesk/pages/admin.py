"""Standing pages (Impressum, Datenschutz); the Redaktion edits them."""

from django.contrib import admin

from newsdesk.newsroom.options import NewsroomModelAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(NewsroomModelAdmin):
    list_display = ["title", "slug", "in_footer", "footer_position", "modified_at"]
    list_editable = ["in_footer", "footer_position"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
