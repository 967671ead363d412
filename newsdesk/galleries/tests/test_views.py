"""The slideshow: an overview, then one page per image with caption, credit and paging."""

import pytest

from newsdesk.galleries.models import GalleryImage
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory

pytestmark = pytest.mark.django_db


def test_overview_lists_the_images_and_starts_the_slideshow(client):
    gallery = GalleryFactory(title="Das Galaxy S7 in Bildern", slug="s7", image_count=4)
    response = client.get(gallery.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Das Galaxy S7 in Bildern</h1>" in html
    assert 'href="/bilderstrecke/s7/1/">Bilderstrecke starten (4 Bilder)</a>' in html
    # Once beside each picture (the structured data in <head> names them too).
    assert html.split("</head>")[1].count("Foto: Testredaktion") == 4


def test_slide_shows_number_caption_credit_and_both_neighbours(client):
    gallery = GalleryFactory(slug="s7", image_count=0)
    for position in range(3):
        image = ImageFactory(caption=f"Unterschrift {position + 1}", credit=f"Foto: F{position}")
        GalleryImage.objects.create(gallery=gallery, image=image, position=position)
    response = client.get(gallery.get_slide_url(2))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bild 2 von 3" in html
    assert "Unterschrift 2" in html
    assert "Foto: F1" in html
    assert 'rel="prev" href="/bilderstrecke/s7/1/" data-key="ArrowLeft"' in html
    assert 'rel="next" href="/bilderstrecke/s7/3/" data-key="ArrowRight"' in html
    assert "data-slideshow" in html


def test_first_and_last_slide_have_only_one_neighbour(client):
    gallery = GalleryFactory(slug="s7", image_count=3)
    first = client.get(gallery.get_slide_url(1)).content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    last = client.get(gallery.get_slide_url(3)).content.decode()
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert "Bild 3 von 3" in last


@pytest.mark.parametrize("number", [0, 4, 999])
def test_slide_out_of_range_is_a_german_404(client, number):
    gallery = GalleryFactory(image_count=3)
    response = client.get(gallery.get_slide_url(number))
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()


def test_unpublished_gallery_is_not_found(client):
    gallery = GalleryFactory(is_published=False)
    assert client.get(gallery.get_absolute_url()).status_code == 404
    assert client.get(gallery.get_slide_url(1)).status_code == 404


def test_renamed_gallery_keeps_its_old_addresses(client):
    gallery = GalleryFactory(slug="alt")
    old_url = gallery.get_absolute_url()
    gallery.slug = "neu"
    gallery.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == gallery.get_absolute_url()


def test_slide_query_count_does_not_grow_with_images(client, django_assert_max_num_queries):
    gallery = GalleryFactory(image_count=30)
    with django_assert_max_num_queries(4):
        assert client.get(gallery.get_slide_url(5)).status_code == 200
