"""axe-core over the reader's ticker page and the reporters' ticker screen: no serious or
critical violation (axe-core from frontend/node_modules, evaluated in the page, never served)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from newsdesk.liveticker import services
from newsdesk.liveticker.models import LiveTicker
from newsdesk.newsroom.groups import AUTHOR
from newsdesk.newsroom.tests.test_accessibility_browser import AXE, violations

from .factories import LiveTickerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-passwort-2026"


@pytest.fixture
def ticker():
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make install-test runs npm ci in frontend/)")
    ticker = LiveTickerFactory(title="Lumio-Keynote im Liveticker")
    services.post_entry(ticker, "Die Keynote beginnt.")
    services.post_entry(ticker, "Das Aurora X4 kostet **899 Euro**.", is_key_event=True)
    services.post_entry(ticker, "Verfügbar ab Freitag.", is_pinned=True)
    return ticker


def report(found: list[dict]) -> str:
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in found)


def test_the_reader_page_while_entries_arrive_and_paused(
    live_server, browser_page, ticker, settings
):
    settings.NEWSDESK_LIVETICKER_POLL_MS = 500
    page = browser_page.page
    page.goto(live_server.url + ticker.get_absolute_url())
    page.get_by_role("button", name="Aktualisierung anhalten").wait_for()
    assert not (found := violations(page)), report(found)
    # What the script adds (entries, a key event, the status line) passes too.
    services.post_entry(ticker, "Noch ein wichtiger Punkt.", is_key_event=True)
    page.locator(".ticker-key-events li", has_text="wichtiger Punkt").wait_for(timeout=3000)
    page.get_by_role("button", name="Aktualisierung anhalten").click()
    page.get_by_role("button", name="Aktualisierung fortsetzen").wait_for()
    assert not (found := violations(page)), report(found)


def test_the_reader_page_of_an_ended_ticker(live_server, browser_page, ticker):
    services.set_state(ticker, LiveTicker.State.ENDED, summary="Ein Gerät, **ein Preis**.")
    page = browser_page.page
    page.goto(live_server.url + ticker.get_absolute_url())
    page.get_by_role("heading", name="Zusammenfassung").wait_for()
    assert not (found := violations(page)), report(found)


def test_the_reader_page_as_readers_without_javascript_get_it(live_server, browser_page, ticker):
    # The ticker's script is not loaded (axe needs JavaScript itself): the reload link shows.
    page = browser_page.page
    page.route("**/liveticker.js", lambda route: route.abort())
    page.goto(live_server.url + ticker.get_absolute_url())
    page.get_by_role("link", name="Neue Einträge laden").wait_for()
    assert not (found := violations(page)), report(found)


def test_the_reporters_ticker_screen(live_server, browser_page, ticker, django_user_model):
    user = django_user_model.objects.create_user("anna", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=AUTHOR))
    page = browser_page.page
    url = f"/newsroom/liveticker/{ticker.pk}/"
    page.goto(f"{live_server.url}/newsroom/login/?next={url}")
    page.fill("#id_username", "anna")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#ticker-text")
    assert not (found := violations(page)), report(found)
    page.goto(f"{live_server.url}/newsroom/liveticker/")
    assert not (found := violations(page)), report(found)
