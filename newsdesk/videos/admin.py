"""Videos in the newsroom; Video.clean checks and normalises the provider id."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsdesk.desk.media import ReviewedMediaAdmin
from newsdesk.newsroom.options import NewsroomModelAdmin

from .models import Video


@admin.register(Video)
class VideoAdmin(ReviewedMediaAdmin, NewsroomModelAdmin):
    list_display = ["title", "provider", "provider_id", "is_published", "created_at"]
    list_filter = ["provider", "is_published"]
    search_fields = ["title", "slug", "caption"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["poster"]
    readonly_fields = ["embed_code"]

    @admin.display(description=_("Einbetten mit"))
    def embed_code(self, video: Video) -> str:
        return f"[[video:{video.slug}]]" if video.pk else "–"
