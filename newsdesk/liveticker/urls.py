from django.urls import path

from . import views

app_name = "liveticker"

urlpatterns = [
    path("liveticker/<slug:slug>/", views.ticker_detail, name="detail"),
    # A path, not a query parameter, so the page cache keeps this order as well.
    path(
        "liveticker/<slug:slug>/aelteste-zuerst/",
        views.ticker_detail,
        {"oldest_first": True},
        name="oldest",
    ),
    path("liveticker/<slug:slug>/eintraege/", views.entries_fragment, name="entries"),
    path("liveticker/<slug:slug>/ereignisse/", views.entry_events, name="events"),
]
