"""Ticker settings in the newsroom; entries are posted on the ticker screen, one row each."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import LiveTicker


@admin.register(LiveTicker)
class LiveTickerAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "starts_at", "is_published", "ticker_screen"]
    list_filter = ["state", "is_published"]
    search_fields = ["title", "teaser"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_image", "authors", "topics", "products"]
    readonly_fields = ["ended_at", "version"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "lead_image"]}),
        (_("Zuordnung"), {"fields": ["authors", "topics", "products"]}),
        (
            _("Ablauf"),
            {"fields": ["starts_at", "state", "ended_at", "summary", "is_published", "version"]},
        ),
    ]

    @admin.display(description=_("Ticker"))
    def ticker_screen(self, obj: LiveTicker) -> str:
        url = reverse("liveticker_newsroom:ticker", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Ticker öffnen"))

    def save_model(self, request, obj, form, change) -> None:
        old_keys = set()
        if change:
            old_keys = services.ticker_keys(LiveTicker.objects.get(pk=obj.pk))
        services.save_ticker(obj, old_keys=old_keys)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # Topics and products are set only now: their listings learn of the ticker here.
        services.invalidate_ticker(form.instance)
