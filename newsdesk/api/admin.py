"""API tokens and webhooks in the newsroom. A new token's key is shown once, after saving."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.newsroom.options import NewsroomModelAdmin

from . import webhooks
from .models import ApiToken, WebhookDelivery, WebhookSubscription
from .tokens import create_token


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Rechte"),
        choices=ApiToken.Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Rechte liest der Schlüssel nur, was Leser ohnehin sehen."),
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name", "scopes"]


@admin.register(ApiToken)
class ApiTokenAdmin(NewsroomModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "prefix", "user", "scopes", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    raw_id_fields = ["user"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None):
        # A token's account and rights are fixed: a new right needs a new token.
        return ["user", "scopes", "prefix", "last_used_at"] if obj else []

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None):
        if obj:
            return ["user", "name", "scopes", "prefix", "last_used_at", "revoked_at"]
        return ["user", "name", "scopes"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        token, key = create_token(obj.user, obj.name, form.cleaned_data["scopes"])
        obj.pk = token.pk
        obj.prefix, obj.key_hash, obj.scopes = token.prefix, token.key_hash, token.scopes
        messages.warning(
            request,
            _("Der Schlüssel lautet %(key)s – jetzt kopieren, er wird nie wieder angezeigt.")
            % {"key": key},
        )

    @admin.action(description=_("Ausgewählte Schlüssel widerrufen"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request, ngettext("%d Schlüssel widerrufen.", "%d Schlüssel widerrufen.", count) % count
        )


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label=_("Adresse"), max_length=1000, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Ereignisse"),
        choices=WebhookSubscription.Event.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "events", "is_active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        webhooks.check_target(url)
        return url


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    max_num = 0
    fields = ["created_at", "event", "status", "attempts", "response_status", "error"]
    readonly_fields = fields
    ordering = ["-created_at"]
    show_change_link = True


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(NewsroomModelAdmin):
    form = WebhookForm
    list_display = ["name", "url", "is_active", "consecutive_failures", "disabled_reason"]
    list_filter = ["is_active"]
    readonly_fields = ["secret", "consecutive_failures", "disabled_reason"]
    inlines = [DeliveryInline]

    def save_model(self, request, obj: WebhookSubscription, form, change: bool) -> None:
        if not obj.secret:
            obj.secret = webhooks.new_secret()
            obj.created_by = request.user
        if obj.is_active:
            obj.consecutive_failures, obj.disabled_reason = 0, ""
        super().save_model(request, obj, form, change)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(NewsroomModelAdmin):
    list_display = ["created_at", "subscription", "event", "status", "attempts", "response_status"]
    list_filter = ["status", "event", "subscription"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["redeliver"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Erneut zustellen"))
    def redeliver(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        for delivery in queryset:
            webhooks.redeliver(delivery)
        self.message_user(request, _("Zustellung erneut angestoßen."))
