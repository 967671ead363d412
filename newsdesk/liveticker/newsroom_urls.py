"""/newsroom/liveticker/: the reporters' ticker screens, for logged-in newsroom staff only."""

from django.contrib import admin
from django.urls import path

from . import newsroom

app_name = "liveticker_newsroom"


def staff(view):
    # The admin's own guard: staff login, no caching, CSRF as on every newsroom page.
    return admin.site.admin_view(view)


urlpatterns = [
    path("", staff(newsroom.ticker_list), name="list"),
    path("<int:pk>/", staff(newsroom.ticker_screen), name="ticker"),
    path("<int:pk>/eintrag/<int:entry_pk>/", staff(newsroom.entry_action), name="entry"),
]
