"""The comment form in a real browser: an old cached page still posts with a fresh time stamp."""

import pytest

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment, ModerationSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_form_from_an_old_page_fetches_a_fresh_timestamp_when_the_reader_starts(
    live_server, browser_page, settings
):
    settings.NEWSDESK_COMMENT_MIN_SECONDS = 0
    settings.NEWSDESK_COMMENT_FORM_MAX_AGE = 2
    policy = ModerationSettings.load()
    policy.newcomer_threshold = 0
    policy.save()
    article = ArticleFactory()
    page = browser_page.page
    page.goto(live_server.url + article.get_absolute_url())
    rendered = page.input_value('input[name="ts"]')
    page.wait_for_timeout(3000)  # the page is now older than the form may be
    page.focus("#id_author_name")
    page.wait_for_function(
        "old => document.querySelector('input[name=ts]').value !== old", arg=rendered
    )
    page.fill("#id_author_name", "Petra")
    page.fill("#id_author_email", "petra@example.org")
    page.fill("#id_body", "Frisch geschrieben")
    with page.expect_navigation():
        page.click(".comment-form button[type=submit]")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED and comment.reasons == []
    assert browser_page.foreign_requests == []
