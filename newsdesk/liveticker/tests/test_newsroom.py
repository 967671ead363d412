"""The ticker screen: one POST per entry, rights like articles (Autor: own entries only)."""

import pytest
from django.contrib.auth.models import Group

from newsdesk.liveticker import services
from newsdesk.liveticker.models import TickerEntry
from newsdesk.newsroom.groups import AUTHOR, EDITOR

from .factories import LiveTickerFactory

pytestmark = pytest.mark.django_db


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_posting_takes_one_post_and_lands_on_the_screen(client, django_user_model):
    client.force_login(staff(django_user_model, "autorin", AUTHOR))
    ticker = LiveTickerFactory()
    url = f"/newsroom/liveticker/{ticker.pk}/"
    response = client.post(url, {"text": "Die Keynote beginnt.", "wichtig": "1"})
    assert response.status_code == 302
    entry = TickerEntry.objects.get()
    assert entry.is_key_event
    assert "Die Keynote beginnt." in client.get(url).content.decode()


def test_empty_entry_is_refused(client, django_user_model):
    client.force_login(staff(django_user_model, "autorin", AUTHOR))
    ticker = LiveTickerFactory()
    response = client.post(f"/newsroom/liveticker/{ticker.pk}/", {"text": "  "})
    assert response.status_code == 200
    assert not TickerEntry.objects.exists()


def test_an_autor_cannot_change_anothers_entry_the_redaktion_can(client, django_user_model):
    ticker = LiveTickerFactory()
    other = staff(django_user_model, "kollege", AUTHOR)
    entry = services.post_entry(ticker, "Von jemand anderem", user=other)
    url = f"/newsroom/liveticker/{ticker.pk}/eintrag/{entry.pk}/"
    client.force_login(staff(django_user_model, "autorin", AUTHOR))
    assert client.post(url, {"aktion": "loeschen"}).status_code == 403
    client.force_login(staff(django_user_model, "redakteur", EDITOR))
    assert client.post(url, {"aktion": "speichern", "text": "Korrigiert"}).status_code == 302
    assert client.post(url, {"aktion": "anheften"}).status_code == 302
    entry.refresh_from_db()
    assert (entry.text, entry.is_pinned) == ("Korrigiert", True)
    assert client.post(url, {"aktion": "loeschen"}).status_code == 302
    entry.refresh_from_db()
    assert entry.is_deleted


def test_staff_without_ticker_rights_are_refused(client, django_user_model):
    user = django_user_model.objects.create_user("gast", is_staff=True)
    client.force_login(user)
    ticker = LiveTickerFactory()
    assert client.get(f"/newsroom/liveticker/{ticker.pk}/").status_code == 403


def test_ticker_settings_in_the_admin(client, django_user_model):
    client.force_login(staff(django_user_model, "redakteur", EDITOR))
    ticker = LiveTickerFactory()
    assert client.get(f"/newsroom/liveticker/liveticker/{ticker.pk}/change/").status_code == 200
    assert client.get("/newsroom/liveticker/").status_code == 200


def jpeg(name: str = "halle.jpg"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), "#2980b9").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_an_entry_with_a_photo_needs_its_credit(client, django_user_model):
    client.force_login(staff(django_user_model, "autorin", AUTHOR))
    ticker = LiveTickerFactory()
    url = f"/newsroom/liveticker/{ticker.pk}/"
    response = client.post(url, {"text": "Blick in Halle 4", "bild": jpeg()})
    assert "Bildnachweis" in response.content.decode()
    assert not TickerEntry.objects.exists()
    client.post(
        url, {"text": "Blick in Halle 4", "bild": jpeg(), "bildnachweis": "Foto: Lena Vogt"}
    )
    entry = TickerEntry.objects.get()
    assert entry.image.credit == "Foto: Lena Vogt"
    client.logout()
    html = client.get(ticker.get_absolute_url()).content.decode()
    assert "Foto: Lena Vogt" in html


def test_a_broken_photo_is_refused_and_nothing_is_posted(client, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff(django_user_model, "autorin", AUTHOR))
    ticker = LiveTickerFactory()
    broken = SimpleUploadedFile("kaputt.jpg", b"kein Bild", content_type="image/jpeg")
    response = client.post(
        f"/newsroom/liveticker/{ticker.pk}/",
        {"text": "Mit Bild", "bild": broken, "bildnachweis": "Foto: X"},
    )
    assert response.status_code == 200
    assert not TickerEntry.objects.exists()
