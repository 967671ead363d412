"""Article addresses are formatted, not reversed, and must stay exactly what reverse() gives."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, set_script_prefix

from newsdesk.articles.addresses import detail_formatter, detail_path, reversed_detail
from newsdesk.articles.models import Article

SLUGS = ["iphone-17-im-test", "kopfhörer-für-läufer", "a_b", "x", "größe-2-0", "ẞ-test"]


@pytest.mark.parametrize("kind_path", sorted(set(Article.KIND_PATHS.values())))
@pytest.mark.parametrize("slug", SLUGS)
def test_a_formatted_article_address_is_the_one_reverse_gives(kind_path, slug):
    assert detail_path(kind_path, slug, 4711) == reversed_detail(kind_path, slug, 4711)


def test_a_site_served_below_a_path_prefix_keeps_its_prefix_in_article_addresses():
    set_script_prefix("/technik/")
    try:
        formatted = detail_path("news", "kopfhörer-für-läufer", 12)
        assert formatted == reversed_detail("news", "kopfhörer-für-läufer", 12)
        assert formatted.startswith("/technik/news/")
    finally:
        set_script_prefix("/")
    assert detail_path("news", "kopfhörer", 12).startswith("/news/")


@pytest.mark.parametrize("slug, pk", [("mit leerzeichen", 3), ("", 3), ("gut", None)])
def test_an_address_reverse_refuses_is_refused_as_before(slug, pk):
    with pytest.raises(NoReverseMatch):
        detail_path("news", slug, pk)


def test_the_bakes_listing_of_many_addresses_gives_what_reverse_gives():
    set_script_prefix("/technik/")
    try:
        listed = detail_formatter()
        for kind_path in sorted(set(Article.KIND_PATHS.values())):
            for slug in SLUGS:
                assert listed(kind_path, slug, 99) == reversed_detail(kind_path, slug, 99)
    finally:
        set_script_prefix("/")
