"""/newsroom/medien/: the media library and its tools, for logged-in newsroom staff only."""

from django.contrib import admin
from django.urls import path

from . import newsroom

app_name = "newsroom_media"


def staff(view):
    # The admin's own guard: staff login, no caching, CSRF as on every newsroom page.
    return admin.site.admin_view(view)


urlpatterns = [
    path("", staff(newsroom.library), name="library"),
    path("hochladen/", staff(newsroom.upload), name="upload"),
    path("bilderstrecke/neu/", staff(newsroom.gallery_builder), name="gallery_add"),
    path("bilderstrecke/<int:pk>/", staff(newsroom.gallery_builder), name="gallery"),
    path("bild/<int:pk>/", staff(newsroom.image_detail), name="image"),
    path("video/neu/", staff(newsroom.video_create), name="video_add"),
    path(
        "waehlen/<str:kind>/<int:pk>/",
        staff(newsroom.choose),
        name="choose",
    ),
]
