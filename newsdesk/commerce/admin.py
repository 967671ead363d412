"""Products with their offers, and shops, in the newsroom.

Offer.clean (run by the admin's model form) insists on https links to one of the shop's domains.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsdesk.newsroom.options import HTTPS_URLS, NewsroomModelAdmin

from .models import Offer, Product, Shop


class OfferInline(admin.TabularInline):
    model = Offer
    formfield_overrides = HTTPS_URLS
    fields = ["shop", "label", "price", "url", "is_active", "position", "click_count"]
    readonly_fields = ["click_count"]
    extra = 1


@admin.register(Product)
class ProductAdmin(NewsroomModelAdmin):
    list_display = ["full_name", "maker", "is_published", "modified_at"]
    list_filter = ["is_published", "maker"]
    search_fields = ["name", "maker", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["image"]
    readonly_fields = ["embed_code"]
    inlines = [OfferInline]

    @admin.display(description=_("Einbetten mit"))
    def embed_code(self, product: Product) -> str:
        return f"[[product:{product.slug}]]" if product.pk else "–"


@admin.register(Offer)
class OfferAdmin(NewsroomModelAdmin):
    list_display = ["__str__", "shop", "price", "is_active", "click_count"]
    list_filter = ["shop", "is_active"]
    list_select_related = ["product", "shop"]
    search_fields = ["product__name", "product__maker", "shop__name", "label"]
    autocomplete_fields = ["product"]
    readonly_fields = ["click_count"]


@admin.register(Shop)
class ShopAdmin(NewsroomModelAdmin):
    list_display = ["name", "domains"]
    search_fields = ["name", "domains"]
