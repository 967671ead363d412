"""Products with their offers, and shops, in the newsroom.

Offer.clean (run by the admin's model form) insists on https links to one of the shop's domains.
An offer whose destination changed elsewhere (an import, a feed) waits, unlinked, under
"Link gesperrt" until an editor approves it or fixes the address.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsdesk.newsroom.options import HTTPS_URLS, NewsroomModelAdmin

from .models import Offer, Product, Shop


def link_state(offer: Offer) -> str:
    """ "freigegeben", or why the link is held, for the newsroom's lists."""
    if not offer.pk or offer.url == offer.approved_url:
        return gettext("freigegeben")
    return gettext("gesperrt: %(reason)s") % {
        "reason": offer.destination_problem() or gettext("wartet auf Freigabe")
    }


class OfferInline(admin.TabularInline):
    model = Offer
    formfield_overrides = HTTPS_URLS
    fields = ["shop", "label", "price", "url", "is_active", "position", "click_count", "link"]
    readonly_fields = ["click_count", "link"]
    extra = 1

    @admin.display(description=_("Link"))
    def link(self, offer: Offer) -> str:
        return link_state(offer)


class HeldLinkFilter(admin.SimpleListFilter):
    title = _("Link")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [("gesperrt", _("gesperrt")), ("frei", _("freigegeben"))]

    def queryset(self, request, queryset):
        if self.value() == "gesperrt":
            return queryset.held()
        if self.value() == "frei":
            return queryset.filter(url=F("approved_url"))
        return queryset


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
    list_display = ["__str__", "shop", "price", "is_active", "click_count", "link"]
    list_filter = [HeldLinkFilter, "shop", "is_active"]
    list_select_related = ["product", "shop"]
    search_fields = ["product__name", "product__maker", "shop__name", "label"]
    autocomplete_fields = ["product"]
    readonly_fields = ["click_count", "link", "approved_url", "approved_by", "approved_at"]
    actions = ["approve_destinations"]

    @admin.display(description=_("Link"))
    def link(self, offer: Offer) -> str:
        return link_state(offer)

    @admin.action(
        description=_("Ziel-Adressen der ausgewählten Angebote freigeben"), permissions=["change"]
    )
    def approve_destinations(self, request: HttpRequest, queryset) -> None:
        approved = 0
        for offer in queryset.held().select_related("product", "shop"):
            try:
                offer.approve(request.user)
            except ValidationError as error:
                messages.error(request, f"{offer}: {' '.join(error.messages)}")
                continue
            approved += 1
        if approved:
            messages.success(
                request,
                ngettext(
                    "%(count)d Ziel-Adresse freigegeben.",
                    "%(count)d Ziel-Adressen freigegeben.",
                    approved,
                )
                % {"count": approved},
            )


@admin.register(Shop)
class ShopAdmin(NewsroomModelAdmin):
    list_display = ["name", "domains"]
    search_fields = ["name", "domains"]
