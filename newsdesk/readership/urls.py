from django.urls import path

from . import views

app_name = "readership"

urlpatterns = [
    path("gelesen/<int:article_id>/", views.count_reading, name="count"),
]
