"""Base classes for the newsroom's model admins."""

from __future__ import annotations

from django.contrib import admin


class NewsroomTemplates:
    """Renders the admin's pages through the newsroom's small template overrides.

    Django's own admin app comes first in INSTALLED_APPS, so its templates win over same-named
    ones of later apps; the overrides therefore go by their own names.
    """

    change_form_template = "newsroom/change_form.html"
    change_list_template = "newsroom/change_list.html"
    delete_confirmation_template = "newsroom/delete_confirmation.html"
    delete_selected_confirmation_template = "newsroom/delete_selected_confirmation.html"
    object_history_template = "newsroom/object_history.html"


class NewsroomModelAdmin(NewsroomTemplates, admin.ModelAdmin):
    list_per_page = 50
