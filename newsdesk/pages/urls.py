from django.urls import path

from . import views

app_name = "pages"

# Last in the project's URLs: a page slug must not shadow anything else.
urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
]
