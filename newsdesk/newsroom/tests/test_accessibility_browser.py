"""axe-core over the newsroom's own screens: no serious or critical violation.

axe-core is a pinned dev dependency of ``frontend/`` (installed by ``make install-test``); the
test reads it from ``frontend/node_modules`` and evaluates it in the page, so nothing of it is
served by the application.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.newsroom.groups import EDITOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "ein-passwort-2026"
# The newsroom's screens, each with an element that shows it has finished loading.
PAGES = [
    ("/newsroom/", ".desk-start"),
    ("/newsroom/articles/article/add/", ".nd-editor-content"),
    ("/newsroom/medien/", "#media-q"),
    ("/newsroom/medien/bilderstrecke/neu/", "#id_title"),
]
BLOCKING = {"serious", "critical"}


def violations(page) -> list[dict]:
    """axe's serious and critical findings on the page as it is now."""
    if not page.evaluate("() => Boolean(window.axe)"):
        # DevTools evaluation is not bound by the page's Content-Security-Policy.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))"""
    )
    return [v for v in found if v["impact"] in BLOCKING]


@pytest.fixture
def signed_in(live_server, browser_page, django_user_model):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make install-test runs npm ci in frontend/)")
    user = django_user_model.objects.create_user("rita", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    ArticleFactory(headline="Pixel 10 im Test")
    GalleryFactory(title="Aurora X3 in Bildern", slug="aurora-x3-bilder", image_count=3)
    page = browser_page.page
    page.goto(live_server.url + "/newsroom/login/?next=/newsroom/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".desk-start")
    return page


@pytest.mark.parametrize(("path", "ready"), PAGES)
def test_no_serious_or_critical_axe_violation(signed_in, live_server, path, ready):
    page = signed_in
    page.goto(live_server.url + path)
    page.wait_for_selector(ready)
    found = violations(page)
    assert not found, "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in found)


def test_the_editors_dialogs_have_no_serious_or_critical_axe_violation(signed_in, live_server):
    page = signed_in
    page.goto(live_server.url + "/newsroom/articles/article/add/")
    page.wait_for_selector(".nd-editor-content")
    page.get_by_role("button", name="Bilderstrecke", exact=True).click()
    page.wait_for_selector(".nd-picker-item")
    found = violations(page)
    assert not found, "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in found)
