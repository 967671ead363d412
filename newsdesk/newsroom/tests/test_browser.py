"""The newsroom in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_a_german_headline_fills_a_readable_slug(
    live_server, browser_page, django_user_model
):
    django_user_model.objects.create_superuser("chef", "chef@example.org", "ein-passwort-2026")
    page = browser_page.page
    page.goto(live_server.url + "/newsroom/login/?next=/newsroom/articles/article/add/")
    page.fill("#id_username", "chef")
    page.fill("#id_password", "ein-passwort-2026")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_headline")
    page.type("#id_headline", "Prüfung für Käufer: Größe zählt")
    assert page.input_value("#id_slug") == "pruefung-fuer-kaeufer-groesse-zaehlt"
