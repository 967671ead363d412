from django.urls import path, re_path

from newsdesk.articles.urls import KINDS

from .feeds import AuthorFeed, KindFeed, ProductFeed, SiteFeed, TopicFeed, atom

app_name = "feeds"

urlpatterns = [
    path("feed/", SiteFeed(), name="site"),
    path("feed/atom/", atom(SiteFeed)(), name="site-atom"),
    path("thema/<slug:slug>/feed/", TopicFeed(), name="topic"),
    path("thema/<slug:slug>/feed/atom/", atom(TopicFeed)(), name="topic-atom"),
    path("autor/<slug:slug>/feed/", AuthorFeed(), name="author"),
    path("autor/<slug:slug>/feed/atom/", atom(AuthorFeed)(), name="author-atom"),
    path("produkt/<slug:slug>/feed/", ProductFeed(), name="product"),
    path("produkt/<slug:slug>/feed/atom/", atom(ProductFeed)(), name="product-atom"),
    re_path(rf"^(?P<kind_path>{KINDS})/feed/$", KindFeed(), name="kind"),
    re_path(rf"^(?P<kind_path>{KINDS})/feed/atom/$", atom(KindFeed)(), name="kind-atom"),
]
