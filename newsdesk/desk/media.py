"""Pictures, galleries and videos readers already see change only through the Redaktion.

An Autor uploads and builds media, but publishing a gallery or video, and changing a picture
(file, caption, credit), gallery or video that is public, is the Redaktion's job. Every change
is recorded with who and when as a Django ``LogEntry``, the record the newsroom's object history
already shows; ``recent_media_changes`` lists them for the start page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from newsdesk.articles import services
from newsdesk.articles.models import Article, Author
from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Gallery, GalleryImage, Image
from newsdesk.videos.models import Video

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MEDIA_MODELS = (Image, Gallery, Video)


def is_public_media(obj: Model) -> bool:
    """Whether readers see ``obj`` now: a published gallery or video, or a picture in one of
    them, in a public article (lead picture, social picture), on a published product or as an
    author's photo."""
    if isinstance(obj, Gallery | Video):
        return obj.is_published
    if isinstance(obj, Image):
        public_articles = Article.objects.filter(
            status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED)
        )
        return (
            public_articles.filter(lead_image=obj).exists()
            or public_articles.filter(og_image=obj).exists()
            or GalleryImage.objects.filter(image=obj, gallery__is_published=True).exists()
            or Video.objects.filter(poster=obj, is_published=True).exists()
            or Product.objects.filter(image=obj, is_published=True).exists()
            or Author.objects.filter(photo=obj).exists()
        )
    return False


def may_change_media(user: User, obj: Model | None) -> bool:
    """The Redaktion changes everything; others only what readers do not see yet."""
    return obj is None or services.can_publish(user) or not is_public_media(obj)


def record_media_change(user: User, obj: Model, message: str, action_flag: int = CHANGE) -> None:
    """Note who changed a picture, gallery or video, for changes made outside the admin forms
    (which record their own)."""
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[obj],
        action_flag=action_flag,
        change_message=message,
        single_object=True,
    )


def recent_media_changes(limit: int = 10) -> QuerySet[LogEntry]:
    types = ContentType.objects.get_for_models(*MEDIA_MODELS).values()
    return (
        LogEntry.objects.filter(content_type__in=types)
        .select_related("user", "content_type")
        .order_by("-action_time")[:limit]
    )


class ReviewedMediaAdmin:
    """For the admins of pictures, galleries and videos: see the module docstring.

    An object the user may not change opens read-only, as Django does for view permission.
    """

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and may_change_media(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and may_change_media(request.user, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        has_flag = any(field.name == "is_published" for field in self.model._meta.fields)
        if has_flag and not services.can_publish(request.user):
            fields.append("is_published")
        return fields

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        if not services.can_publish(request.user):
            actions.pop("publish", None)
        return actions
