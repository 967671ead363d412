"""Videos in the newsroom."""

import pytest
from django.urls import reverse

from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user
from newsdesk.videos.models import Video

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:videos_video_add")


def video_data(client, provider_id):
    data = form_data(client.get(ADD_URL).content.decode(), "video_form")
    data.update(
        {
            "title": "Hands-On",
            "slug": "hands-on",
            "caption": "Im Hands-On",
            "provider": "youtube",
            "provider_id": provider_id,
        }
    )
    return data


def test_youtube_address_is_stored_as_its_id_and_garbage_is_refused(client):
    client.force_login(newsroom_user(EDITOR))
    response = client.post(ADD_URL, video_data(client, "nicht-gültig"))
    assert "Das ist keine YouTube-Adresse oder -ID" in response.content.decode()
    assert not Video.objects.exists()
    response = client.post(ADD_URL, video_data(client, "https://youtu.be/abcdefghijk"))
    assert response.status_code == 302
    assert Video.objects.get().provider_id == "abcdefghijk"
