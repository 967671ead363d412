from django.urls import path, re_path

from . import views
from .models import Article

app_name = "articles"

KINDS = "|".join(Article.KIND_PATHS.values())

urlpatterns = [
    path("", views.home, name="home"),
    re_path(
        rf"^(?P<kind>{KINDS})/(?P<slug>[-\w]+)-(?P<pk>\d+)/$", views.article_detail, name="detail"
    ),
    re_path(rf"^(?P<kind_path>{KINDS})/$", views.kind_list, name="kind"),
    path("thema/<slug:slug>/", views.topic_detail, name="topic"),
    path("autor/<slug:slug>/", views.author_detail, name="author"),
]
