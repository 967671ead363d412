"""The ticker in a real browser: two reporters at once, and readers with and without JavaScript.

``NEWSDESK_SCREENSHOT_DIR`` set: the reporter screen and the reader page are saved there.
"""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError
from django.utils import timezone

from newsdesk.liveticker import services
from newsdesk.liveticker.models import LiveTicker, TickerEntry
from newsdesk.newsroom.groups import AUTHOR

from .factories import LiveTickerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-passwort-2026"


def screenshot(page, name: str) -> None:
    folder = os.environ.get("NEWSDESK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def while_reading(action, *args, **kwargs):
    """``action(*args, **kwargs)``, once more if the in-memory SQLite of the test run was locked.

    The live server shares that database through SQLite's shared cache, whose table locks fail
    at once instead of waiting: a write from the test can meet the page's poll mid-read. A file
    database (``make run``) and PostgreSQL wait instead, so this belongs to the test only.
    """
    for attempt in range(20):
        try:
            return action(*args, **kwargs)
        except OperationalError as error:
            if "locked" not in str(error) or attempt == 19:
                raise
            time.sleep(0.05)


def log_in(page, live_server, name: str, next_url: str) -> None:
    page.goto(f"{live_server.url}/newsroom/login/?next={next_url}")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#ticker-text")


def test_two_reporters_post_at_once(live_server, browser_page, django_user_model):
    ticker = LiveTickerFactory(title="IFA 2026 im Liveticker")
    url = f"/newsroom/liveticker/{ticker.pk}/"
    for name in ("anna", "ben"):
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=AUTHOR))
    anna = browser_page.page
    other_context = anna.context.browser.new_context(locale="de-DE")
    ben = other_context.new_page()
    log_in(anna, live_server, "anna", url)
    log_in(ben, live_server, "ben", url)

    # Both have typed; both post. Two actions each: type, Ctrl+Enter (or "Posten").
    anna.fill("#ticker-text", "Samsung zeigt das Galaxy Tab S12.")
    ben.fill("#ticker-text", "Miele stellt einen Saugroboter vor.")
    anna.press("#ticker-text", "Control+Enter")
    ben.get_by_role("button", name="Posten").click()
    anna.wait_for_load_state()
    ben.wait_for_load_state()
    assert TickerEntry.objects.filter(ticker=ticker).count() == 2
    # Each sees both entries after the next post, without having lost a word.
    anna.fill("#ticker-text", "Und noch ein Nachtrag.")
    anna.press("#ticker-text", "Control+Enter")
    anna.wait_for_selector("text=Miele stellt einen Saugroboter vor.")
    texts = anna.locator(".ticker-screen-text").all_inner_texts()
    assert texts[0] == "Und noch ein Nachtrag."
    assert set(texts) == {
        "Und noch ein Nachtrag.",
        "Samsung zeigt das Galaxy Tab S12.",
        "Miele stellt einen Saugroboter vor.",
    }
    # Ben may not change Anna's entry: no buttons on it for him.
    ben.reload()
    own = ben.locator(".ticker-screen-entry", has_text="Miele")
    foreign = ben.locator(".ticker-screen-entry", has_text="Samsung")
    assert own.get_by_role("button", name="Löschen").count() == 1
    assert foreign.get_by_role("button", name="Löschen").count() == 0
    screenshot(anna, "liveticker-newsroom.png")
    other_context.close()


def test_reader_receives_new_changed_and_deleted_entries_within_3_seconds(
    live_server, browser_page, settings
):
    settings.NEWSDESK_LIVETICKER_POLL_MS = 1000
    ticker = LiveTickerFactory(title="Apple-Keynote im Liveticker")
    first = services.post_entry(ticker, "Die Keynote beginnt.")
    page = browser_page.page
    page.goto(live_server.url + ticker.get_absolute_url())
    pause = page.get_by_role("button", name="Aktualisierung anhalten")
    assert pause.is_visible()
    assert not page.get_by_text("Neue Einträge laden").is_visible()
    page.mouse.wheel(0, 0)
    focused = page.evaluate("document.activeElement.tagName")

    posted = time.monotonic()
    while_reading(services.post_entry, ticker, "Das **iPhone 19** ist da.")
    page.locator(".ticker-entry", has_text="iPhone 19").wait_for(timeout=3000)
    seen = time.monotonic() - posted
    assert seen < 3
    assert page.locator(".ticker-entry").first.inner_text().count("iPhone 19") == 1
    page.wait_for_function(
        "() => document.querySelector('.ticker-status').textContent.includes('neuer Eintrag')"
    )
    assert page.evaluate("document.activeElement.tagName") == focused

    while_reading(services.edit_entry, first, text="Die Keynote hat begonnen.")
    page.locator(".ticker-entry", has_text="hat begonnen").wait_for(timeout=3000)
    while_reading(services.delete_entry, first)
    page.locator(".ticker-entry", has_text="hat begonnen").wait_for(state="detached", timeout=3000)
    screenshot(page, "liveticker-leser.png")

    # Paused, nothing new arrives.
    pause.click()
    assert page.get_by_role("button", name="Aktualisierung fortsetzen").is_visible()
    while_reading(services.post_entry, ticker, "Während der Pause gepostet.")
    page.wait_for_timeout(2500)
    assert page.locator(".ticker-entry", has_text="Während der Pause").count() == 0
    page.get_by_role("button", name="Aktualisierung fortsetzen").click()
    page.locator(".ticker-entry", has_text="Während der Pause").wait_for(timeout=3000)
    pinned = TickerEntry.objects.get(text="Während der Pause gepostet.")
    while_reading(services.set_pinned, pinned, True)
    page.locator(".ticker-pinned .ticker-entry", has_text="Während der Pause").wait_for(
        timeout=3000
    )
    while_reading(services.set_pinned, pinned, False)
    page.locator(".ticker-pinned").wait_for(state="detached", timeout=3000)
    assert browser_page.foreign_requests == []
    print(f"\npost to visible: {seen:.2f} s")


def wait_until_scrolling_stops(page) -> None:
    """The site scrolls smoothly for readers who allow motion: a position read while the
    scrolling still runs is a moment of the animation, not where the reader ends up."""
    page.evaluate(
        """() => new Promise((resolve) => {
            let last = window.scrollY, still = 0;
            const tick = () => requestAnimationFrame(() => {
                still = window.scrollY === last ? still + 1 : 0;
                last = window.scrollY;
                if (still >= 5) resolve(); else tick();
            });
            tick();
        })"""
    )


def test_an_entry_posted_in_the_same_second_arrives_above_the_earlier_one(
    live_server, browser_page, settings
):
    # Reporters post in bursts: two entries can share the second the page shows.
    settings.NEWSDESK_LIVETICKER_POLL_MS = 500
    ticker = LiveTickerFactory()
    second = timezone.now().replace(microsecond=0) - timedelta(seconds=5)
    services.post_entry(ticker, "Erster Eintrag dieser Sekunde.", published_at=second)
    page = browser_page.page
    page.goto(live_server.url + ticker.get_absolute_url())
    while_reading(
        services.post_entry,
        ticker,
        "Zweiter Eintrag derselben Sekunde.",
        published_at=second + timedelta(milliseconds=400),
    )
    page.locator(".ticker-entry", has_text="Zweiter Eintrag").wait_for(timeout=3000)
    assert page.locator(".ticker-entries .ticker-entry").all_inner_texts()[0].count("Zweiter") == 1
    page.reload()
    assert page.locator(".ticker-entries .ticker-entry").all_inner_texts()[0].count("Zweiter") == 1


def test_an_insert_above_the_viewport_does_not_move_the_page(live_server, browser_page, settings):
    settings.NEWSDESK_LIVETICKER_POLL_MS = 500
    ticker = LiveTickerFactory()
    for number in range(30):
        services.post_entry(ticker, f"Eintrag {number}\n\n" + "Langer Text. " * 40)
    page = browser_page.page
    page.goto(live_server.url + ticker.get_absolute_url())
    target = page.locator(".ticker-entry", has_text="Eintrag 10")
    target.scroll_into_view_if_needed()
    wait_until_scrolling_stops(page)
    before = target.evaluate("el => el.getBoundingClientRect().top")
    while_reading(services.post_entry, ticker, "Ganz neu oben.\n\n" + "Text. " * 80)
    page.locator(".ticker-entry", has_text="Ganz neu oben").wait_for(timeout=3000)
    wait_until_scrolling_stops(page)
    after = target.evaluate("el => el.getBoundingClientRect().top")
    assert abs(after - before) < 2


def test_reader_without_javascript_loads_new_entries_by_link(live_server, browser_page):
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Erster Eintrag.")
    context = browser_page.page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + ticker.get_absolute_url())
    assert page.locator(".ticker-entry").count() == 1
    while_reading(services.post_entry, ticker, "Zweiter Eintrag.")
    page.get_by_role("link", name="Neue Einträge laden").click()
    assert page.locator(".ticker-entry").first.inner_text().count("Zweiter Eintrag.") == 1
    page.get_by_role("link", name="Älteste zuerst").click()
    assert "Erster Eintrag." in page.locator(".ticker-entry").first.inner_text()
    context.close()


def test_demo_tickers_on_the_home_page_and_frozen_after_the_end(live_server, browser_page):
    from newsdesk.demo.loader import DemoLoader
    from newsdesk.liveticker.demo import ensure_demo_tickers

    ensure_demo_tickers(DemoLoader())
    page = browser_page.page
    page.goto(live_server.url + "/")
    badge = page.locator(".live-teasers .live-badge")
    assert badge.inner_text() == "LIVE"
    screenshot(page, "liveticker-home.png")
    page.locator(".live-teasers a").first.click()
    page.get_by_role("button", name="Aktualisierung anhalten").wait_for()
    screenshot(page, "liveticker-laufend.png")
    page.goto(live_server.url + "/liveticker/lumio-keynote-aurora-x3-liveticker/")
    assert page.get_by_role("heading", name="Zusammenfassung").is_visible()
    assert page.get_by_role("button", name="Aktualisierung anhalten").count() == 0
    screenshot(page, "liveticker-beendet.png")
    assert browser_page.foreign_requests == []


def test_key_events_arrive_live_and_an_ended_ticker_freezes_with_its_summary(
    live_server, browser_page, settings
):
    settings.NEWSDESK_LIVETICKER_POLL_MS = 500
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Die Keynote beginnt.")
    page = browser_page.page
    page.goto(live_server.url + ticker.get_absolute_url())
    key_events = page.locator(".ticker-key-events")
    assert not key_events.is_visible()  # nothing to list yet

    key = while_reading(
        services.post_entry, ticker, "Das Aurora X4 kostet 899 Euro.", is_key_event=True
    )
    key_events.locator("li", has_text="899 Euro").wait_for(timeout=3000)
    assert key_events.get_by_role("heading", name="Das Wichtigste").is_visible()
    link = key_events.get_by_role("link", name="899 Euro")
    assert link.get_attribute("href") == f"#{key.anchor}"
    while_reading(services.edit_entry, key, is_key_event=False)
    key_events.locator("li").wait_for(state="detached", timeout=3000)
    assert not key_events.is_visible()

    while_reading(
        services.set_state, ticker, LiveTicker.State.ENDED, summary="Drei Geräte, ein Preis."
    )
    page.get_by_role("heading", name="Zusammenfassung").wait_for(timeout=3000)
    summary_top = page.locator(".ticker-summary").evaluate("el => el.offsetTop")
    entries_top = page.locator(".ticker-entries").evaluate("el => el.offsetTop")
    assert summary_top < entries_top
    assert page.get_by_role("button", name="Aktualisierung anhalten").is_hidden()
    assert page.locator(".ticker-status").inner_text() == "Der Ticker ist beendet."
    screenshot(page, "liveticker-beendet-live.png")
