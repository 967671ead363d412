import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as PILImage

from newsdesk.api.models import ApiToken
from newsdesk.api.tokens import create_token, hash_key
from newsdesk.articles.models import Article, ArticleRevision
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def autorin():
    return newsroom_user(AUTHOR, "autorin", author=True)


@pytest.fixture
def redaktion():
    return newsroom_user(EDITOR, "redaktion", author=True)


def test_token_is_stored_hashed_and_shown_once(autorin):
    token, key = create_token(autorin, "App", ["read_drafts"])
    assert key.startswith("nd_") and key not in str(ApiToken.objects.values().get())
    assert token.key_hash == hash_key(key)


def test_command_creates_a_token(autorin, capsys):
    call_command("api_token", "create", "autorin", "--scopes", "read_drafts,write_drafts")
    key = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(key_hash=hash_key(key)).scopes == ["read_drafts", "write_drafts"]
    with pytest.raises(Exception, match="Unbekannte"):
        call_command("api_token", "create", "autorin", "--scopes", "admin")


def test_drafts_need_a_live_token_with_the_scope(client, autorin):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, authors=[])
    draft.created_by = autorin
    draft.save()
    _t, reader = create_token(autorin, "r", ["read_drafts"])
    _t, public_only = create_token(autorin, "p", [])
    assert client.get("/api/v1/drafts/").status_code == 401
    assert client.get("/api/v1/drafts/", **bearer("nd_falsch")).status_code == 401
    assert client.get("/api/v1/drafts/", **bearer(public_only)).status_code == 403
    response = client.get(f"/api/v1/drafts/{draft.pk}/", **bearer(reader))
    assert response.status_code == 200 and response.json()["status"] == "draft"
    assert "no-store" in response["Cache-Control"]
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/v1/drafts/", **bearer(reader)).status_code == 401


def test_an_autorin_never_reads_other_peoples_drafts(client, autorin):
    other = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    _t, key = create_token(autorin, "r", ["read_drafts"])
    assert client.get(f"/api/v1/drafts/{other.pk}/", **bearer(key)).status_code == 404
    assert client.get("/api/v1/drafts/", **bearer(key)).json() == []


def test_rate_limit_answers_429_with_retry_after(client, autorin, settings):
    settings.NEWSDESK_API_RATE = "2/m"
    _t, key = create_token(autorin, "r", ["read_drafts"])
    for _ in range(2):
        assert client.get("/api/v1/drafts/", **bearer(key)).status_code == 200
    response = client.get("/api/v1/drafts/", **bearer(key))
    assert response.status_code == 429 and 1 <= int(response["Retry-After"]) <= 60


def test_create_draft_validates_everything_and_writes_nothing_on_error(client, autorin):
    _t, key = create_token(autorin, "w", ["write_drafts"])
    bad = {"headline": " ", "teaser": "x", "topics": ["gibtsnicht"], "sponsored": True}
    response = client.post("/api/v1/drafts/", bad, content_type="application/json", **bearer(key))
    assert response.status_code == 422
    problems = " ".join(response.json()["problems"])
    assert "headline" in problems and "gibtsnicht" in problems and "sponsor_name" in problems
    assert not Article.objects.exists()


def test_create_and_update_a_draft(client, autorin):
    topic = TopicFactory(slug="handys")
    _t, key = create_token(autorin, "w", ["write_drafts", "read_drafts"])
    body = {"headline": "Pixel 11 angekündigt", "teaser": "Google zeigt es.", "topics": ["handys"]}
    response = client.post("/api/v1/drafts/", body, content_type="application/json", **bearer(key))
    assert response.status_code == 201, response.content
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert article.status == Article.Status.DRAFT and article.slug == "pixel-11-angekuendigt"
    assert list(article.topics.all()) == [topic]
    assert article.ordered_authors()[0].user == autorin
    assert ArticleRevision.objects.filter(article=article).exists()
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 404  # still a draft

    change = {"version": data["version"], "teaser": "Google zeigt es endlich."}
    url = f"/api/v1/drafts/{article.pk}/"
    response = client.patch(url, change, content_type="application/json", **bearer(key))
    assert response.status_code == 200 and response.json()["version"] == data["version"] + 1
    stale = client.patch(url, change, content_type="application/json", **bearer(key))
    assert stale.status_code == 409


def test_publishing_needs_the_scope_and_the_newsrooms_checks(client, autorin, redaktion):
    draft = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, authors=[AuthorFactory()], teaser=" "
    )
    _t, no_scope = create_token(redaktion, "w", ["write_drafts"])
    _t, autorin_key = create_token(autorin, "p", ["publish"])
    _t, editor_key = create_token(redaktion, "p", ["publish"])
    url = f"/api/v1/drafts/{draft.pk}/publish/"
    assert client.post(url, **bearer(no_scope)).status_code == 403
    assert client.post(url, **bearer(autorin_key)).status_code == 404  # not hers to open
    refused = client.post(url, **bearer(editor_key))
    assert refused.status_code == 422 and "Vorspann" in " ".join(refused.json()["problems"])
    Article.objects.filter(pk=draft.pk).update(teaser="Jetzt mit Vorspann.")
    published = client.post(url, **bearer(editor_key))
    assert published.status_code == 200
    assert client.get(f"/api/v1/articles/{draft.pk}/").status_code == 200


def test_an_autorin_with_publish_scope_still_may_not_publish(client, autorin):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, authors=[])
    draft.created_by = autorin
    draft.save()
    _t, key = create_token(autorin, "p", ["publish"])
    response = client.post(f"/api/v1/drafts/{draft.pk}/publish/", **bearer(key))
    assert response.status_code == 403
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_upload_an_image_into_the_drafts_gallery(client, autorin):
    draft = ArticleFactory(
        status=Article.Status.DRAFT, published_at=timezone.now() - timedelta(days=1)
    )
    draft.created_by = autorin
    draft.save()
    _t, key = create_token(autorin, "w", ["write_drafts"])
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), "steelblue").save(buffer, "JPEG")
    buffer.name = "foto.jpg"
    url = f"/api/v1/drafts/{draft.pk}/images/"
    missing_credit = client.post(url, {"file": buffer, "credit": " "}, **bearer(key))
    assert missing_credit.status_code == 422
    buffer.seek(0)
    response = client.post(url, {"file": buffer, "credit": "Foto: Anna"}, **bearer(key))
    assert response.status_code == 201, response.content
    assert response.json()["image"]["credit"] == "Foto: Anna"
    assert client.get(f"/api/v1/galleries/{response.json()['gallery']}/").status_code == 404
    not_an_image = io.BytesIO(b"kein Bild")
    not_an_image.name = "x.jpg"
    refused = client.post(url, {"file": not_an_image, "credit": "Foto: A"}, **bearer(key))
    assert refused.status_code == 422 and refused.json()["problems"]
