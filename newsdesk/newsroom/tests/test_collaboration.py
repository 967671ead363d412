"""Working copies, presence and the expired-session save of the article form."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.newsroom import presence
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.models import WorkingCopy
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user

pytestmark = pytest.mark.django_db

AUTOSAVE = reverse("newsroom_autosave")
DISCARD = reverse("newsroom_autosave_discard")
HEARTBEAT = reverse("newsroom_heartbeat")
ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_json(client, url, payload, **extra):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return client.post(url, body, content_type="application/json", **extra)


@pytest.fixture
def redaktion(client):
    user = newsroom_user(EDITOR, "rita", author=True)
    client.force_login(user)
    return user


def config(html: str) -> dict:
    start = html.index('id="newsroom-collaboration"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def test_autosave_keeps_one_working_copy_that_the_form_offers_again(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, body="Alt.")
    fields = {"headline": ["Neu"], "body": ["Getippt, noch nicht gesichert."], "version": ["1"]}
    for _ in range(3):
        response = post_json(client, AUTOSAVE, {"article": article.pk, "fields": fields})
        assert response.status_code == 200 and response.json()["saved_at"]
    copy = WorkingCopy.objects.get()
    assert copy.user == redaktion and copy.article == article and copy.base_version == 1

    html = client.get(change_url(article)).content.decode()
    assert "Ungesicherte Änderungen vom" in html
    assert config(html)["copy"]["data"]["body"] == ["Getippt, noch nicht gesichert."]


def test_an_autosave_that_arrives_late_never_replaces_a_newer_one(client, redaktion):
    """The page sends every keystroke at once; when saves overtake each other on the way, the
    newest text stays, and a reloaded page (a new page id) starts afresh."""
    article = ArticleFactory(status=Article.Status.DRAFT, body="Alt.")

    def save(page: str, seq: int, body: str):
        fields = {"body": [body], "version": ["1"]}
        order = {"page": page, "seq": seq}
        return post_json(
            client, AUTOSAVE, {"article": article.pk, "fields": fields, "order": order}
        )

    assert save("tab-a", 2, "Getippt: zwei").json()["stored"] is True
    assert save("tab-a", 1, "Getippt").json()["stored"] is False
    assert WorkingCopy.objects.get().data["body"] == ["Getippt: zwei"]
    html = client.get(change_url(article)).content.decode()
    assert config(html)["copy"]["data"]["body"] == ["Getippt: zwei"]
    assert save("tab-b", 1, "Nach dem Neuladen").json()["stored"] is True
    assert WorkingCopy.objects.get().data["body"] == ["Nach dem Neuladen"]


def test_a_successful_save_removes_the_working_copy(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT)
    post_json(client, AUTOSAVE, {"article": article.pk, "fields": {"body": ["x"]}})
    data = form_data(client.get(change_url(article)).content.decode(), "article_form")
    data["body"] = "Gesichert."
    assert client.post(change_url(article), data).status_code == 302
    assert not WorkingCopy.objects.exists()


def test_a_new_article_has_a_working_copy_too_until_it_is_saved(client, redaktion):
    assert (
        post_json(client, AUTOSAVE, {"article": None, "fields": {"body": ["Neu"]}}).status_code
        == 200
    )
    assert config(client.get(ADD_URL).content.decode())["copy"]["data"]["body"] == ["Neu"]
    data = form_data(client.get(ADD_URL).content.decode(), "article_form")
    data.update(headline="Neu", slug="neu", teaser="Vorspann.", body="Text.")
    assert client.post(ADD_URL, data).status_code == 302
    assert not WorkingCopy.objects.exists()


def test_discard_removes_the_working_copy(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT)
    post_json(client, AUTOSAVE, {"article": article.pk, "fields": {"body": ["x"]}})
    assert post_json(client, DISCARD, {"article": article.pk}).status_code == 200
    assert not WorkingCopy.objects.exists()


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (b"{not json", 400),
        ("[1, 2]", 400),
        ({"article": "1", "fields": {}}, 404),
        ({"article": 999999, "fields": {}}, 404),
        ({"article": None, "fields": {"bad name!": ["x"]}}, 400),
        ({"article": None, "fields": {"body": [1, 2]}}, 400),
        ({"article": None, "fields": ["body"]}, 400),
        ({"article": None, "fields": {f"f{n}": ["x"] for n in range(401)}}, 400),
        ({"article": None, "fields": {"body": ["x" * 600_000]}}, 413),
        ({"article": None, "fields": {}, "order": {"page": "", "seq": 1}}, 400),
        ({"article": None, "fields": {}, "order": {"page": "a", "seq": "1"}}, 400),
    ],
)
def test_autosave_refuses_what_the_form_never_sends(client, redaktion, payload, status):
    assert post_json(client, AUTOSAVE, payload).status_code == status
    assert not WorkingCopy.objects.exists()


def test_autosave_needs_a_session_the_csrf_token_and_the_right_to_change(client):
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    payload = {"article": article.pk, "fields": {"body": ["x"]}}
    response = post_json(client, AUTOSAVE, payload)
    assert response.status_code == 403 and response.json() == {"error": "session"}
    assert client.get(AUTOSAVE).status_code == 405

    autor = newsroom_user(AUTHOR, "anna", author=True)
    client.force_login(autor)
    assert post_json(client, AUTOSAVE, payload).status_code == 403  # not hers, published
    assert post_json(client, HEARTBEAT, {"article": article.pk}).status_code == 403

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(autor)
    assert post_json(strict, AUTOSAVE, {"article": None, "fields": {}}).status_code == 403
    assert not WorkingCopy.objects.exists()


def test_presence_shows_who_else_has_the_article_open(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT)
    other = Client()
    other.force_login(newsroom_user(EDITOR, "otto"))
    assert post_json(other, HEARTBEAT, {"article": article.pk}).json() == {"others": []}
    assert post_json(client, HEARTBEAT, {"article": article.pk}).json() == {"others": ["otto"]}
    assert "Auch geöffnet von:" in client.get(change_url(article)).content.decode()
    post_json(other, HEARTBEAT, {"article": article.pk, "leaving": True})
    assert post_json(client, HEARTBEAT, {"article": article.pk}).json() == {"others": []}


def test_presence_expires_without_heartbeat(redaktion, monkeypatch):
    article = ArticleFactory()
    clock = [1000.0]
    monkeypatch.setattr(presence.time, "time", lambda: clock[0])
    otto = newsroom_user(EDITOR, "otto")
    presence.beat(article.pk, otto)
    assert presence.who_else(article.pk, redaktion) == ["otto"]
    clock[0] += presence.PRESENCE_TTL + 1
    assert presence.who_else(article.pk, redaktion) == []


def test_save_after_the_session_ended_keeps_the_text_through_the_login(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, body="Alt.")
    data = form_data(client.get(change_url(article)).content.decode(), "article_form")
    data["body"] = "Zwei Stunden Arbeit."
    client.logout()

    response = client.post(change_url(article), data, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "Ihr Text ist sicher" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Alt."

    client.force_login(redaktion)  # keeps the session's data, as a real login does
    copy = config(client.get(change_url(article)).content.decode())["copy"]
    assert copy["autoRestore"] is True
    assert copy["data"]["body"] == ["Zwei Stunden Arbeit."]
    assert WorkingCopy.objects.get().user == redaktion


def test_a_pending_form_is_only_claimed_by_the_browser_that_posted_it(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT)
    data = form_data(client.get(change_url(article)).content.decode(), "article_form")
    anonymous = Client()
    anonymous.post(change_url(article), {**data, "body": "Fremder Text"})
    html = client.get(change_url(article)).content.decode()
    assert config(html)["copy"] is None
    assert WorkingCopy.objects.get().user is None


def test_working_copies_nobody_came_back_to_are_dropped(client, redaktion):
    import datetime as dt

    from django.utils import timezone

    article = ArticleFactory(status=Article.Status.DRAFT)
    post_json(client, AUTOSAVE, {"article": article.pk, "fields": {"body": ["x"]}})
    WorkingCopy.objects.update(updated_at=timezone.now() - dt.timedelta(days=31))
    client.get(change_url(article))
    assert not WorkingCopy.objects.exists()
