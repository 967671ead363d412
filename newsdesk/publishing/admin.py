from django.contrib import admin

from .models import Takedown


@admin.register(Takedown)
class TakedownAdmin(admin.ModelAdmin):
    """Read-only: takedowns are recorded by ``newsdesk takedown``, never edited afterwards."""

    list_display = ("url", "content", "taken_down_by", "taken_down_at", "complete")
    list_filter = ("complete",)
    search_fields = ("url", "reason")
    date_hierarchy = "taken_down_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
