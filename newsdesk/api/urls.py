from django.urls import path

from .docs import api_docs
from .views import api

urlpatterns = [
    path("api/v1/docs/", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
]
