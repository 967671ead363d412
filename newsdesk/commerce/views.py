"""Product pages and the tracked offer redirect."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers

from newsdesk.articles.models import Article
from newsdesk.articles.views import record_listing
from newsdesk.core.pagination import paginate, paginated
from newsdesk.pagecache import fragments
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys

from .models import Offer, Product
from .services import is_countable, is_first_click, record_offer_click


@paginated
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    product = get_object_or_404(Product.objects.published().select_related("image"), slug=slug)
    page = paginate(request, Article.objects.published().filter(products=product).for_listing())
    record(product)
    # Head data, the product with its offers and the page of its articles are kept as
    # fragments while the product (offers and shops change its key), its list of articles and
    # the articles on it are unchanged (newsdesk.pagecache.fragments).
    names = {
        "meta_fragment": fragments.name_for("product-meta", product.pk),
        "head_fragment": fragments.name_for("product-head", product.pk),
        "list_fragment": fragments.name_for("product-list", product.pk, page.number),
    }
    found = fragments.fetch(names.values())
    context = {"product": product, "page": page, "fragments": found, **names}
    if len(found) < len(names):
        with fragments.collect() as collected:
            context.update(product_context(product, page))
        context["fragment_data"] = collected
    return render(request, "commerce/product_detail.html", context)


def product_context(product: Product, page) -> dict:
    # The product comes along so that each offer's link text needs no query of its own.
    offers = Offer.objects.active().filter(product=product).select_related("shop", "product")
    # The newest test with a score: readers and search engines see the verdict on the product.
    test = (
        Article.objects.published()
        .filter(products=product, score__isnull=False)
        .order_by("-published_at")
        .first()
    )
    record(product, keys.listing(product))
    if test is not None:
        record(test)
    record_listing(page.object_list)
    return {"offers": list(offers), "test": test}


class OfferRedirectView:
    """``/go/<id>/``: count the click and send the reader to the shop.

    The target always comes from the database, never from the request, so the link cannot be
    abused as an open redirect; and only a destination an editor approved is followed. The
    response class is an attribute so it can be swapped.
    """

    response_redirect_class = HttpResponseRedirect

    def __call__(self, request: HttpRequest, offer_id: int) -> HttpResponse:
        offer = Offer.objects.select_related("product").filter(pk=offer_id).first()
        if offer is None:
            return render(request, "404.html", status=404)
        if not offer.is_link_live or not offer.product.is_published:
            # An old page may still link an ended offer, or one whose destination changed and
            # waits for an editor's approval: show the product's current offers instead.
            if offer.product.is_published:
                return redirect(offer.product)
            return render(request, "404.html", status=404)
        if is_countable(request) and is_first_click(request, offer):
            record_offer_click(offer)
        response = self.response_redirect_class(offer.url)
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response


go = OfferRedirectView()
