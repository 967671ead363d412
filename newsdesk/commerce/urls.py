from django.urls import path

from . import views

app_name = "commerce"

urlpatterns = [
    path("produkt/<slug:slug>/", views.product_detail, name="product"),
    path("go/<int:offer_id>/", views.go, name="go"),
]
