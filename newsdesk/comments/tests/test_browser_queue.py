"""A moderator clears a queue of 50 comments in a real browser, with the keyboard alone."""

import pytest

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_moderator_clears_fifty_pending_comments_with_the_keyboard(
    live_server, browser_page, django_user_model
):
    django_user_model.objects.create_superuser("moderatorin", "mod@example.org", "tastatur-2026")
    article = ArticleFactory()
    comments = [
        CommentFactory(article=article, body=f"Wartender Kommentar {n}", status="pending")
        for n in range(50)
    ]
    page = browser_page.page
    page.goto(
        live_server.url + "/newsroom/login/?next=/newsroom/comments/comment/warteschlange/pending/"
    )
    # The login form puts the cursor into the user name field by itself.
    page.keyboard.type("moderatorin")
    page.keyboard.press("Tab")
    page.keyboard.type("tastatur-2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector(".mod-item:focus")

    # 40 one by one: every third rejected with "r", the rest approved with "a".
    for n in range(40):
        with page.expect_navigation():
            page.keyboard.press("r" if n % 3 == 0 else "a")
        page.wait_for_selector(".mod-item:focus")
    # The last ten at once: "x" selects, "j" moves on, "A" approves the selection.
    for _ in range(10):
        page.keyboard.press("x")
        page.keyboard.press("j")
    assert page.locator(".mod-select:checked").count() == 10
    with page.expect_navigation():
        page.keyboard.press("Shift+A")
    assert page.locator("#mod-empty").is_visible()

    assert not Comment.objects.pending().exists()
    rejected = {c.pk for c in comments[:40:3]}
    assert set(Comment.objects.filter(status="removed").values_list("pk", flat=True)) == rejected
    assert Comment.objects.approved().count() == 50 - len(rejected)
    assert browser_page.foreign_requests == []
