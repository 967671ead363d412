import re

import pytest
from django.contrib.auth.models import User

from newsdesk.api.models import ApiToken, WebhookDelivery, WebhookSubscription
from newsdesk.api.tokens import hash_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("chefin", password="x")
    client.force_login(user)
    return client, user


def test_newsroom_creates_a_token_and_shows_its_key_once(admin_client):
    client, user = admin_client
    response = client.post(
        "/newsroom/api/apitoken/add/",
        {"user": user.pk, "name": "App", "scopes": ["read_drafts", "publish"]},
        follow=True,
    )
    key = re.search(r"nd_[\w-]+", response.content.decode()).group(0)
    token = ApiToken.objects.get()
    assert token.key_hash == hash_key(key) and token.scopes == ["publish", "read_drafts"]
    page = client.get(f"/newsroom/api/apitoken/{token.pk}/change/").content.decode()
    assert key not in page and token.prefix in page


def test_newsroom_refuses_a_private_webhook_target(admin_client):
    client, _user = admin_client
    response = client.post(
        "/newsroom/api/webhooksubscription/add/",
        {
            "name": "Intern",
            "url": "http://127.0.0.1/hook",
            "events": ["article.published"],
            "is_active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "private" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_redelivery_by_hand(admin_client, django_capture_on_commit_callbacks, settings):
    client, _user = admin_client
    subscription = WebhookSubscription.objects.create(
        name="P", url="http://127.0.0.1:9/", events=["article.published"], secret="whsec_MTIz"
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event="article.published",
        message_id="msg_1",
        payload={},
        status="failed",
        attempts=6,
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            "/newsroom/api/webhookdelivery/",
            {"action": "redeliver", "_selected_action": [delivery.pk]},
        )
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 0 and len(callbacks) == 1
