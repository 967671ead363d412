from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from newsdesk.core.deferred_urls import deferred_include
from newsdesk.core.login_throttle import newsroom_login
from newsdesk.core.views import favicon, healthz, web_manifest
from newsdesk.desk import notice_views
from newsdesk.newsroom import collaboration
from newsdesk.security.media import serve_media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    path("newsroom/login/", newsroom_login, name="newsroom_login"),
    path("newsroom/medien/", include("newsdesk.galleries.newsroom_urls")),
    path("newsroom/arbeitskopie/", collaboration.autosave, name="newsroom_autosave"),
    path(
        "newsroom/arbeitskopie/verwerfen/",
        collaboration.discard,
        name="newsroom_autosave_discard",
    ),
    path("newsroom/anwesenheit/", collaboration.heartbeat, name="newsroom_heartbeat"),
    path("newsroom/liveticker/", include("newsdesk.liveticker.newsroom_urls")),
    path(
        "newsroom/mitteilungen/",
        admin.site.admin_view(notice_views.notice_list),
        name="desk_notices",
    ),
    path(
        "newsroom/mitteilungen/<int:pk>/",
        admin.site.admin_view(notice_views.notice_open),
        name="desk_notice_open",
    ),
    path("newsroom/", admin.site.urls),
    path("", include("newsdesk.articles.urls")),
    path("", include("newsdesk.liveticker.urls")),
    path("", include("newsdesk.galleries.urls")),
    path("", include("newsdesk.commerce.urls")),
    path("", include("newsdesk.readership.urls")),
    path("", include("newsdesk.comments.urls")),
    path("", include("newsdesk.feeds.urls")),
    path("", include("newsdesk.seo.urls")),
    path("", include("newsdesk.search.urls")),
    path("", include("newsdesk.desk.urls")),
    # Imported on the first API request: no shell command or worker builds the API for nothing.
    deferred_include("api/v1/", "newsdesk.api.urls", namespace="api"),
]

if settings.NEWSDESK_SERVE_MEDIA:
    # Local installs without a web server in front; production serves media from nginx or S3.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.*)$", serve_media))

urlpatterns.append(path("", include("newsdesk.pages.urls")))
