"""The addresses of feeds, sitemaps and robots.txt, for the static export (``newsdesk bake``)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse


def distribution_paths() -> Iterator[str]:
    from newsdesk.articles.models import Article, Author, Topic
    from newsdesk.commerce.models import Product

    from .sitemaps import sitemap_files

    yield reverse("seo:robots")
    yield reverse("seo:index")
    for file in sitemap_files():
        yield file.url
    feeds = [("site", {})]
    feeds += [("kind", {"kind_path": path}) for path in Article.KIND_PATHS.values()]
    published = Article.objects.published()
    for name, model in (("topic", Topic), ("author", Author)):
        slugs = model.objects.filter(articles__in=published).values_list("slug", flat=True)
        feeds += [(name, {"slug": slug}) for slug in slugs.distinct()]
    slugs = Product.objects.published().values_list("slug", flat=True)
    feeds += [("product", {"slug": slug}) for slug in slugs]
    for name, kwargs in feeds:
        yield reverse(f"feeds:{name}", kwargs=kwargs)
        yield reverse(f"feeds:{name}-atom", kwargs=kwargs)
