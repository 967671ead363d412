from django.urls import path

from . import views

app_name = "galleries"

urlpatterns = [
    path("bilderstrecke/<slug:slug>/", views.overview, name="overview"),
    path("bilderstrecke/<slug:slug>/<int:number>/", views.slide, name="slide"),
]
