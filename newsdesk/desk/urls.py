from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("vorschau/<str:token>/", views.shared_preview, name="shared_preview"),
]
