"""Counting in a real browser: one same-origin request after load, no cookie, no other host."""

import pytest

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.readership.models import HourlyReads

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counting_sends_no_third_party_request_and_sets_no_cookie(live_server, browser_page):
    article = ArticleFactory()
    page = browser_page.page
    with page.expect_request(lambda request: "/gelesen/" in request.url) as beacon:
        page.goto(live_server.url + article.get_absolute_url())
    request = beacon.value
    assert request.method == "POST"
    assert "cookie" not in {name.lower() for name in request.all_headers()}
    page.wait_for_load_state("networkidle")
    assert browser_page.foreign_requests == []
    assert page.context.cookies() == []
    assert HourlyReads.objects.get(article=article).reads == 1


def test_without_javascript_the_page_works_and_counts_nothing(live_server, browser_page):
    article = ArticleFactory(headline="Ohne Skript lesbar")
    context = browser_page.page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator("h1").inner_text() == "Ohne Skript lesbar"
    page.wait_for_load_state("networkidle")
    context.close()
    assert not HourlyReads.objects.exists()
