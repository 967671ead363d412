from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("kommentare/<int:article_id>/", views.post, name="post"),
    path("kommentare/<int:article_id>/antworten/<int:comment_id>/", views.reply, name="reply"),
    path("kommentare/<int:article_id>/danke/", views.thanks, name="thanks"),
]
