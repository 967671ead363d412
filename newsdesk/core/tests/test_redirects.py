"""Old addresses keep working when a slug changes."""

import pytest

from newsdesk.articles.tests.factories import AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [TopicFactory, AuthorFactory, ProductFactory, GalleryFactory])
def test_renamed_slug_answers_old_url_with_301(client, factory):
    obj = factory()
    old_url = obj.get_absolute_url()
    obj.slug = obj.slug + "-neu"
    obj.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == obj.get_absolute_url()
    assert client.get(obj.get_absolute_url()).status_code == 200


def test_renaming_twice_sends_the_first_address_straight_to_the_last(client):
    topic = TopicFactory(slug="handys")
    topic.slug = "smartphones"
    topic.save()
    topic.slug = "mobil"
    topic.save()
    assert client.get("/thema/handys/")["Location"] == "/thema/mobil/"
    assert client.get("/thema/smartphones/")["Location"] == "/thema/mobil/"


def test_renaming_back_removes_the_loop(client):
    topic = TopicFactory(slug="a")
    topic.slug = "b"
    topic.save()
    topic.slug = "a"
    topic.save()
    assert client.get("/thema/a/").status_code == 200
    assert client.get("/thema/b/")["Location"] == "/thema/a/"
