from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("kommentare/<int:article_id>/", views.post, name="post"),
    path("kommentare/<int:article_id>/antworten/<int:comment_id>/", views.reply, name="reply"),
    path("kommentare/<int:article_id>/melden/<int:comment_id>/", views.report, name="report"),
    path("kommentare/<int:article_id>/danke/", views.thanks, name="thanks"),
    path("kommentare/zeitstempel/", views.timestamp, name="timestamp"),
    path(
        "kommentare/benachrichtigungen/bestaetigen/<str:token>/",
        views.confirm_notifications,
        name="confirm_notifications",
    ),
    path(
        "kommentare/benachrichtigungen/abbestellen/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]
