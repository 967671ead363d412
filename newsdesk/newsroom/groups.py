"""The newsroom's roles as Django groups, kept in step with this table after every migrate."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

AUTHOR = "Autor"
EDITOR = "Redaktion"
MODERATOR = "Moderation"
ADMIN = "Admin"

_CRUD = ("add", "change", "delete", "view")


def _perms(app: str, model: str, actions=_CRUD) -> list[tuple[str, str]]:
    return [(app, f"{action}_{model}") for action in actions]


ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    # Writes and edits own drafts and submits them; cannot publish or touch others' articles.
    AUTHOR: [
        *_perms("articles", "article", ("add", "change", "view")),
        *_perms("articles", "author", ("view",)),
        *_perms("articles", "topic", ("view",)),
        *_perms("articles", "articlerevision", ("view",)),
        *_perms("galleries", "image", ("add", "change", "view")),
        *_perms("galleries", "gallery", ("add", "change", "view")),
        *_perms("videos", "video", ("add", "change", "view")),
        *_perms("commerce", "product", ("view",)),
        *_perms("commerce", "shop", ("view",)),
        *_perms("commerce", "offer", ("view",)),
        # Posts to tickers and edits her own entries.
        *_perms("liveticker", "liveticker", ("view",)),
        *_perms("liveticker", "tickerentry", ("add", "change", "view")),
    ],
    # Edits everything editorial, publishes and schedules.
    EDITOR: [
        *_perms("articles", "article"),
        ("articles", "publish_article"),
        ("articles", "change_any_article"),
        *_perms("articles", "author"),
        *_perms("articles", "topic"),
        *_perms("articles", "articlerevision", ("view",)),
        *_perms("galleries", "image"),
        *_perms("galleries", "gallery"),
        *_perms("videos", "video"),
        *_perms("commerce", "product"),
        *_perms("commerce", "shop"),
        *_perms("commerce", "offer"),
        *_perms("pages", "page", ("change", "view")),
        *_perms("comments", "comment", ("view", "change")),
        ("comments", "moderate_comment"),
        *_perms("redirects", "redirect"),
        *_perms("search", "synonym"),
        *_perms("liveticker", "liveticker"),
        *_perms("liveticker", "tickerentry"),
        ("liveticker", "change_any_tickerentry"),
    ],
    # Works through the comment queue.
    MODERATOR: [
        *_perms("comments", "comment", ("view", "change", "delete")),
        ("comments", "moderate_comment"),
        *_perms("articles", "article", ("view",)),
    ],
}


def sync_groups() -> None:
    """Create the groups and give each exactly the permissions in ROLE_PERMISSIONS."""
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        query = Q(pk__in=[])
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(query))
    admin, _created = Group.objects.get_or_create(name=ADMIN)
    admin.permissions.set(Permission.objects.all())
