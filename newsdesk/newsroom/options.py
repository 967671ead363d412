"""Base classes for the newsroom's model admins."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Model
from django.http import HttpRequest

from newsdesk.security.fields import CleanCharField


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


# Links typed without a scheme become https (Django 6's default, chosen now).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class CleanTextFields:
    """Every free-text field of the newsroom drops control characters (TRUST.md F2, and
    the house rule for every form): see ``newsdesk.security.fields``."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", CleanCharField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class NewsroomModelAdmin(CleanTextFields, NewsroomTemplates, admin.ModelAdmin):
    list_per_page = 50
    formfield_overrides = HTTPS_URLS

    def view_on_site(self, obj: Model) -> str | None:
        """The public address (``NEWSDESK_BASE_URL``), shown only while readers can open it."""
        from newsdesk.desk.links import public_url

        return public_url(obj)

    class Media:
        # After Django's urlify.js, which it wraps: German umlauts in prepopulated slugs.
        js = ["admin/js/urlify.js", "newsroom/german-slugs.js"]


class InlineRowForm(forms.ModelForm):
    """An inline row's form that checks each foreign key once, not twice.

    Django's model validation asks the database whether every foreign key's row exists, once
    per inline row: for the parent, which the admin loaded in this very request, and for keys
    chosen in a select or autocomplete field, whose form field has just looked the row up in
    its queryset (``limit_choices_to`` included). On an article with a byline, a source and a
    related article that was five ``SELECT 1`` queries per save, none of which could fail.
    Both kinds are left out of the model's second look; keys set any other way are still
    checked.
    """

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        for field in self._meta.model._meta.concrete_fields:
            if not field.many_to_one or field.name in exclusions:
                continue
            form_field = self.fields.get(field.name)
            if isinstance(form_field, forms.models.InlineForeignKeyField):
                exclusions.add(field.name)
            elif (
                isinstance(form_field, forms.ModelChoiceField)
                and form_field.queryset.model is field.related_model
            ):
                exclusions.add(field.name)
        return exclusions


class PartOfParentInline(CleanTextFields):
    """Inline rows that belong to their parent (byline, sources, gallery slots).

    Whoever may change the parent may change these rows; Django would otherwise ask for
    permissions on the row model itself, which the newsroom's roles do not hand out.
    """

    form = InlineRowForm
    formfield_overrides = HTTPS_URLS

    def _parent_admin(self) -> admin.ModelAdmin:
        return self.admin_site.get_model_admin(self.parent_model)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        parent = self._parent_admin()
        return parent.has_view_permission(request, obj) or parent.has_change_permission(
            request, obj
        )

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._parent_admin().has_change_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._parent_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._parent_admin().has_change_permission(request, obj)
