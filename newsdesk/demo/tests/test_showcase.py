"""The showcase on its own, the pages rule and the drawings: each without the full demo."""

from __future__ import annotations

from newsdesk.articles.models import Article
from newsdesk.commerce.models import Offer
from newsdesk.demo import content
from newsdesk.demo.drawing import draw_avatar, draw_picture
from newsdesk.demo.loader import DemoLoader, build_showcase
from newsdesk.galleries import renditions
from newsdesk.pages.models import Page


def test_build_showcase_alone_returns_the_published_showcase_once(db, monkeypatch):
    # Renditions are not under test here (``galleries`` tests them): the smallest width only
    # keeps the showcase's dozen images cheap.
    monkeypatch.setattr(renditions, "RENDITION_WIDTHS", renditions.RENDITION_WIDTHS[:1])
    showcase = build_showcase()
    assert showcase.slug == content.SHOWCASE_SLUG
    assert showcase in Article.objects.published()
    assert showcase.sources.filter(name="Bloomberg").exists()
    assert showcase.related_links.count() == 3
    assert showcase.comments.filter(parent__isnull=False).exists()
    assert showcase.comments.pending().count() == 1
    shops = Offer.objects.filter(product__in=showcase.products.all()).values("shop")
    assert shops.distinct().count() == 3
    articles = Article.objects.count()
    assert build_showcase().pk == showcase.pk
    assert Article.objects.count() == articles


def test_missing_pages_are_created_with_the_legal_details(db):
    DemoLoader().ensure_pages()
    impressum = Page.objects.get(slug="impressum").body
    for detail in (
        "Vertretungsberechtigte",
        "Registereintrag",
        "Umsatzsteuer",
        "@",
        "Verantwortlich nach § 18 Abs. 2 MStV:",
    ):
        assert detail in impressum, detail
    assert "keine Cookies" in Page.objects.get(slug="datenschutz").body


def test_pages_an_editor_changed_are_left_alone(db):
    Page.objects.create(slug="impressum", title="Impressum", body="Eigener Text")
    DemoLoader().ensure_pages()
    assert Page.objects.get(slug="impressum").body == "Eigener Text"


def test_pictures_are_drawn_the_same_on_every_run():
    assert draw_picture("phone", "X", "seed") == draw_picture("phone", "X", "seed")
    assert draw_picture("phone", "X", "seed") != draw_picture("phone", "X", "other")
    assert draw_avatar("Lena Vogt", "a") == draw_avatar("Lena Vogt", "a")
