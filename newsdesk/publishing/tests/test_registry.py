"""The registry's contract, for every registered type; keys spelled in one place; the check
that keeps follow-up inside the pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models.signals import post_save

from newsdesk.articles.models import Article
from newsdesk.pagecache import bake
from newsdesk.publishing import checks, keys, registry

CONTENT_TYPES = registry.content_types()


def test_every_content_model_is_registered_and_the_check_passes():
    assert checks.check_pipeline() == []


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda ct: ct.name)
def test_every_type_states_its_public_rule_keys_and_places(content_type):
    assert callable(content_type.is_public)
    assert content_type.sitemap in (None, "articles", *keys.SITEMAP_SECTIONS)
    if content_type.url is not registry._own_url:
        assert content_type.bake_paths is None  # no address of its own: nothing to bake
    else:
        assert content_type.bake_paths is not None


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda ct: ct.name)
def test_every_type_search_carries_builds_its_document_and_each_sitemap_has_a_file(content_type):
    from newsdesk.search import indexing
    from newsdesk.seo import sitemaps

    if content_type.search_kind:
        assert content_type.search_document is not None
        assert content_type in indexing.searchable_types()
        assert len(content_type.search_kind) <= 10  # SearchEntry.kind
    if content_type.sitemap not in (None, sitemaps.ARTICLES):
        assert sitemaps.sections()[content_type.sitemap] is content_type


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda ct: ct.name)
def test_a_new_object_touches_its_own_key_and_its_sitemap(content_type):
    from newsdesk.publishing import follow

    obj = content_type.model(pk=4711)
    assert keys.obj_key(content_type.name, 4711) in content_type.object_keys(obj)
    expected = {
        None: set(),
        "articles": {keys.SITEMAP_INDEX, keys.SITEMAP_NEWS},
    }.get(content_type.sitemap)
    if expected is None:
        expected = {keys.SITEMAP_INDEX, keys.sitemap_section(content_type.sitemap)}
    assert follow.sitemap_keys(content_type, None, obj, created=True) == expected


def test_a_model_signal_connected_outside_publishing_fails_the_check():
    def stray_receiver(sender, **kwargs):
        pass

    stray_receiver.__module__ = "newsdesk.articles.stray"
    post_save.connect(stray_receiver, sender=Article, weak=False, dispatch_uid="stray")
    try:
        errors = checks.check_pipeline()
    finally:
        post_save.disconnect(sender=Article, dispatch_uid="stray")
    assert [e.id for e in errors] == ["publishing.E001"]
    assert "newsdesk.articles.stray" in errors[0].msg


def test_an_unregistered_content_model_fails_the_check():
    content_type = registry.get(Article)
    registry.unregister(Article)
    try:
        errors = checks.check_pipeline()
    finally:
        registry.register(content_type)
    assert [(e.id, e.obj) for e in errors] == [("publishing.E001", "articles.Article")]


def test_the_bake_recognises_exactly_the_keys_of_an_article_edit():
    content = [
        keys.article(12),
        keys.embed("article", "galaxy-s7-im-test"),
        keys.SITEMAP_INDEX,
        keys.SITEMAP_NEWS,
        keys.sitemap_month(dt.date(2016, 7, 1)),
    ]
    assert all(keys.is_article_content(key) for key in content)
    others = [keys.HOME, keys.FEEDS, keys.listing("topic", 3), keys.kind("news"), "gallery-1"]
    assert not any(keys.is_article_content(key) for key in others)


@pytest.mark.django_db
def test_the_bake_lists_the_pages_of_every_registered_type():
    from newsdesk.articles.tests.factories import ArticleFactory

    article = ArticleFactory()
    assert article.get_absolute_url() in set(bake.public_paths())
    content_type = registry.get(Article)
    registry.unregister(Article)
    try:
        assert article.get_absolute_url() not in set(bake.public_paths())
    finally:
        registry.register(content_type)
