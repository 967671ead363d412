from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsdesk.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("newsroom/", admin.site.urls),
    path("", include("newsdesk.articles.urls")),
    path("", include("newsdesk.galleries.urls")),
    path("", include("newsdesk.commerce.urls")),
    path("", include("newsdesk.comments.urls")),
    path("", include("newsdesk.search.urls")),
]

if settings.NEWSDESK_SERVE_MEDIA:
    # Local installs without a web server in front; production serves media from nginx or S3.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(
        re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns.append(path("", include("newsdesk.pages.urls")))
